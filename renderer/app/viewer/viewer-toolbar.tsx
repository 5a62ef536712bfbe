/**
 * The viewer's toolbar: page turns with the page number, zoom with its
 * level, fit, rotation and continuous mode. Every button has its name, its
 * shortcut in `aria-keyshortcuts` and a tooltip that shows both.
 */
import { memo, type ReactNode } from 'react';
import { Toolbar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ToolbarButton, ToolbarToggle } from './toolbar-button';
import type { ViewerShortcut } from './use-viewer-shortcuts';
import { ICONS } from './viewer-icons';
import { MAX_ZOOM, MIN_ZOOM, zoomPercent } from './zoom';

export interface ViewerToolbarProps {
  page: number;
  pageCount: number;
  zoom: number;
  continuous: boolean;
  /** Runs a button's action; a stable function lets unchanged buttons skip re-rendering. */
  onAction: (action: ViewerShortcut) => void;
  /** Controls of the screen around the viewer, shown after the viewer's own. */
  end?: ReactNode;
}

export const ViewerToolbar = memo(function ViewerToolbar(
  props: ViewerToolbarProps,
) {
  const { t } = useTranslation();
  const button = (
    action: Exclude<ViewerShortcut, 'toggleContinuous'>,
    isDisabled = false,
  ) => (
    <ToolbarButton
      label={t(`viewer.${action}`)}
      shortcut={action}
      icon={ICONS[action]}
      isDisabled={isDisabled}
      onAction={props.onAction}
    />
  );

  return (
    <Toolbar className="viewer-toolbar" aria-label={t('viewer.toolbar')}>
      <div className="viewer-toolbar-group">
        {button('previousPage', props.page <= 1)}
        <span className="viewer-page-number" role="status">
          {t('viewer.page', { page: props.page, count: props.pageCount })}
        </span>
        {button('nextPage', props.page >= props.pageCount)}
      </div>

      <div className="viewer-toolbar-group">
        {button('zoomOut', props.zoom <= MIN_ZOOM)}
        <span className="viewer-zoom-level">
          <span className="visually-hidden">
            {t('viewer.zoomLevel', { percent: zoomPercent(props.zoom) })}
          </span>
          <span aria-hidden="true">
            {t('viewer.percent', { percent: zoomPercent(props.zoom) })}
          </span>
        </span>
        {button('zoomIn', props.zoom >= MAX_ZOOM)}
        {button('fitWidth')}
        {button('fitPage')}
      </div>

      <div className="viewer-toolbar-group">
        {button('rotateCounterClockwise')}
        {button('rotateClockwise')}
        <ToolbarToggle
          label={t('viewer.continuous')}
          shortcut="toggleContinuous"
          icon={ICONS.continuous}
          isSelected={props.continuous}
          onAction={props.onAction}
        />
      </div>

      {props.end !== undefined && (
        <div className="viewer-toolbar-group">{props.end}</div>
      )}
    </Toolbar>
  );
});
