/**
 * The scan viewer, the centre column of the marking workspace: the pages
 * of one copy's scan with zoom, fit, rotation, thumbnails and continuous
 * scrolling, all on the keyboard. Pages are rendered by pdf.js ahead of
 * time into a bounded cache, so a page turn draws a bitmap that is ready.
 *
 * The caller opens the scan with `useScanDocument` and keeps the current
 * page and the examiner's rotation of each page, which are part of the
 * copy's marking.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { SILENT_LOGGER, type Logger } from '../../core/download/logger';
import type { PageFrame, Rotation } from '../../core/pages/page-frame';
import type { UserRotations } from './page-layout';
import { ScanProblemMessage } from './scan-problem-message';
import { ScanView } from './scan-view';
import { OPEN_TIMEOUT_MS, type ScanState } from './use-scan-document';
import { RENDER_TIMEOUT_MS } from './use-scan-renderer';

export interface ScanViewerProps {
  /** The scan from `useScanDocument`; the caller shows a missing scan itself. */
  scan: Exclude<ScanState, { status: 'missing' }>;
  /** The current page, from 1. */
  page: number;
  onPageChange: (page: number) => void;
  /** The examiner's own rotation of each page, on top of the PDF's `/Rotate`. */
  userRotations?: UserRotations;
  /** Reports the examiner's new rotation of `page`, for the caller to store. */
  onRotate?: (page: number, rotation: Rotation) => void;
  /** Draws an overlay exactly over each shown page, such as annotations. */
  renderOverlay?: (frame: PageFrame) => ReactNode;
  /** Controls shown at the end of the viewer's toolbar. */
  toolbarEnd?: ReactNode;
  /** Runs the report action that comes with every message about a scan or page that cannot be shown. */
  onReportProblem?: () => void;
  /**
   * Whether the viewer's shortcuts act on the window's key presses;
   * default true. Turn it off when another viewer has them.
   */
  shortcutsEnabled?: boolean;
  /** Time limit of each page render; default 15 s. */
  renderTimeoutMs?: number;
  /** The time limit `useScanDocument` was given, for its message; default 15 s. */
  openTimeoutMs?: number;
  logger?: Logger;
}

const NO_ROTATIONS: UserRotations = {};

export function ScanViewer(props: ScanViewerProps) {
  const { t } = useTranslation();

  switch (props.scan.status) {
    case 'loading':
      return (
        <div className="scan-viewer scan-viewer-waiting">
          <p role="status">{t('viewer.opening')}</p>
        </div>
      );
    case 'failed':
      return (
        <div className="scan-viewer scan-viewer-waiting">
          <ScanProblemMessage
            problem={props.scan.problem}
            openTimeoutMs={props.openTimeoutMs ?? OPEN_TIMEOUT_MS}
            onReportProblem={props.onReportProblem}
          />
        </div>
      );
    case 'ready':
      return (
        <ScanView
          scan={props.scan.scan}
          page={props.page}
          onPageChange={props.onPageChange}
          userRotations={props.userRotations ?? NO_ROTATIONS}
          onRotate={props.onRotate}
          renderOverlay={props.renderOverlay}
          toolbarEnd={props.toolbarEnd}
          onReportProblem={props.onReportProblem}
          shortcutsEnabled={props.shortcutsEnabled ?? true}
          renderTimeoutMs={props.renderTimeoutMs ?? RENDER_TIMEOUT_MS}
          logger={props.logger ?? SILENT_LOGGER}
        />
      );
  }
}
