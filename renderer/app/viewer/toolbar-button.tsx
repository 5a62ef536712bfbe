/**
 * A toolbar button of the viewer: an icon with its name for screen
 * readers, and a tooltip that shows the name and the keyboard shortcut.
 */
import { memo, type ReactNode } from 'react';
import { ToggleButton, TooltipTrigger } from 'react-aria-components';

import {
  ShortcutButton,
  ShortcutTooltip,
  TOOLTIP_DELAY_MS,
} from '../components/shortcut-button';
import { keyShortcutsRef } from '../shortcuts';
import type { ViewerShortcut } from './use-viewer-shortcuts';

interface ToolbarButtonProps {
  label: string;
  shortcut: ViewerShortcut;
  icon: ReactNode;
  isDisabled?: boolean;
  /** Runs the button's shortcut action; a stable function keeps the button from re-rendering. */
  onAction: (action: ViewerShortcut) => void;
}

/**
 * Renders a toolbar button. It is memoised, so a page turn re-renders only
 * the buttons whose state changes.
 */
export const ToolbarButton = memo(function ToolbarButton(
  props: ToolbarButtonProps,
) {
  return (
    <ShortcutButton
      className="viewer-button"
      label={props.label}
      shortcut={props.shortcut}
      isDisabled={props.isDisabled}
      onPress={() => props.onAction(props.shortcut)}
    >
      {props.icon}
    </ShortcutButton>
  );
});

/** Renders a toolbar button that stays pressed while its mode is on. */
export const ToolbarToggle = memo(function ToolbarToggle(
  props: Omit<ToolbarButtonProps, 'isDisabled'> & {
    isSelected: boolean;
  },
) {
  return (
    <TooltipTrigger delay={TOOLTIP_DELAY_MS}>
      <ToggleButton
        className="viewer-button"
        aria-label={props.label}
        ref={keyShortcutsRef(props.shortcut)}
        isSelected={props.isSelected}
        onChange={() => props.onAction(props.shortcut)}
      >
        {props.icon}
      </ToggleButton>
      <ShortcutTooltip label={props.label} shortcut={props.shortcut} />
    </TooltipTrigger>
  );
});
