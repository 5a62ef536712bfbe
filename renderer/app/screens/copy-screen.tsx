import { useCallback, useId, useMemo, type ReactNode } from 'react';
import { Heading, Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';

import {
  readPageRotations,
  savePageRotation,
} from '../../core/marking/page-views';
import type { PageFrame, Rotation } from '../../core/pages/page-frame';
import { Alert } from '../components/alert';
import { routeHref } from '../hooks/use-route';
import { createRendererLogger } from '../services/renderer-logger';
import { useServices } from '../services/app-services';
import { ScanViewer } from '../viewer/scan-viewer';
import { useScanDocument } from '../viewer/use-scan-document';

/**
 * Opens one copy's scan from the local store, decrypted in memory, in the
 * scan viewer: the centre column of the marking workspace, which keeps the
 * current page and draws the annotations over each page.
 */
export function CopyScreen(props: {
  batchId: string;
  copyId: string;
  /** The page on screen, from 1. */
  page: number;
  onPageChange(page: number): void;
  /** Shown beside the heading, such as the moves between copies. */
  navigation?: ReactNode;
  /** Shown between the heading and the scan, such as the annotation tools. */
  toolbar?: ReactNode;
  renderOverlay?: (frame: PageFrame) => ReactNode;
  /** Controls shown at the end of the viewer's toolbar. */
  viewerToolbarEnd?: ReactNode;
  onReportProblem?: () => void;
  /** Whether the viewer's shortcuts act on the window's key presses. */
  shortcutsEnabled?: boolean;
  /** 1 for the workspace; 2 where two copies share a screen. */
  headingLevel?: 1 | 2;
}) {
  const { t } = useTranslation();
  const { store, bridge } = useServices();
  // `null` is a copy this batch does not have; `undefined` is loading.
  const copy = useLiveQuery(async () => {
    const row = await store.db.copies.get(props.copyId);
    return row !== undefined && row.batchId === props.batchId ? row : null;
  }, [props.copyId, props.batchId]);
  const logger = useMemo(
    () => createRendererLogger(bridge, 'viewer'),
    [bridge],
  );
  const scan = useScanDocument(
    props.copyId,
    useCallback(
      () => store.scans.loadScan(props.copyId),
      [store, props.copyId],
    ),
    { logger },
  );

  const level = props.headingLevel ?? 1;
  const headingId = useId();

  // The examiner's rotations are kept with the copy, so a page turned
  // upright stays upright.
  const rotations = useLiveQuery(
    () => readPageRotations(store.db, props.copyId),
    [props.copyId],
  );

  const rotate = (rotatedPage: number, rotation: Rotation) => {
    savePageRotation(store.db, props.copyId, rotatedPage, rotation).catch(
      (error: unknown) => {
        logger.error('page rotation not saved', {
          copyId: props.copyId,
          page: rotatedPage,
          error: error instanceof Error ? error.message : String(error),
        });
      },
    );
  };

  return (
    <section aria-labelledby={headingId} className="copy-screen">
      <div className="copy-header">
        {level === 1 && (
          <Link
            className="back-link"
            href={routeHref({ screen: 'batch', batchId: props.batchId })}
          >
            {t('copy.back')}
          </Link>
        )}
        <Heading level={level} id={headingId}>
          {t('copy.title', { code: copy?.anonymousCode ?? '' })}
        </Heading>
        {props.navigation}
      </div>

      {copy === null && <Alert tone="error">{t('copy.notFound')}</Alert>}
      {copy !== null && scan.status === 'missing' && (
        <Alert tone="warning">{t('copy.notStored')}</Alert>
      )}
      {copy !== null && scan.status !== 'missing' && props.toolbar}
      {copy !== null && scan.status !== 'missing' && (
        <ScanViewer
          // Waiting for the rotations avoids rendering a turned page twice.
          scan={rotations === undefined ? { status: 'loading' } : scan}
          page={props.page}
          onPageChange={props.onPageChange}
          userRotations={rotations}
          onRotate={rotate}
          renderOverlay={props.renderOverlay}
          toolbarEnd={props.viewerToolbarEnd}
          onReportProblem={props.onReportProblem}
          shortcutsEnabled={props.shortcutsEnabled}
          logger={logger}
        />
      )}
    </section>
  );
}
