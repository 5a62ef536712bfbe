/**
 * Opens a stored scan for the viewer: reads its bytes, opens them with
 * pdf.js within a time limit, and closes the document when the scan
 * changes or the viewer goes away.
 */
import { useEffect, useRef, useState } from 'react';

import { SILENT_LOGGER, type Logger } from '../../core/download/logger';
import type { OpenedScan } from './pdf-document';
import { classifyScanError, type ScanProblem } from './scan-problem';

/** Time limit of opening a scan, reading every page's size included. */
export const OPEN_TIMEOUT_MS = 15_000;

export type ScanState =
  | { status: 'loading' }
  /** The store has no scan for this copy. */
  | { status: 'missing' }
  | { status: 'failed'; problem: ScanProblem }
  | { status: 'ready'; scan: OpenedScan };

/** pdf.js is loaded when the first scan opens, so the app starts faster. */
const loadPdfDocument = () => import('./pdf-document');

/**
 * Returns the state of the scan that `load` reads, opened again whenever
 * `scanId` changes. `load` returns the PDF's bytes, or null when there is
 * no scan to show.
 */
export function useScanDocument(
  scanId: string,
  load: () => Promise<Blob | ArrayBuffer | null>,
  options: { logger?: Logger; timeoutMs?: number } = {},
): ScanState {
  const [state, setState] = useState<ScanState>({ status: 'loading' });
  const latest = useRef({ load, options });
  latest.current = { load, options };

  useEffect(() => {
    const { load, options } = latest.current;
    const logger = options.logger ?? SILENT_LOGGER;
    let cancelled = false;
    let opened: OpenedScan | null = null;
    setState({ status: 'loading' });

    const open = async (): Promise<ScanState> => {
      const source = await load();
      if (source === null) {
        return { status: 'missing' };
      }
      const bytes =
        source instanceof Blob ? await source.arrayBuffer() : source;
      const { openScan } = await loadPdfDocument();
      opened = await openScan(bytes, options.timeoutMs ?? OPEN_TIMEOUT_MS);
      if (cancelled) {
        void opened.close();
      }
      return { status: 'ready', scan: opened };
    };

    open()
      .catch((error: unknown): ScanState => {
        const problem = classifyScanError(error);
        logger.warn('scan could not be opened', {
          scanId,
          kind: problem.kind,
          error: problem.detail,
        });
        return { status: 'failed', problem };
      })
      .then((result) => {
        if (!cancelled) {
          setState(result);
        }
      });

    return () => {
      cancelled = true;
      void opened?.close();
    };
  }, [scanId]);

  return state;
}
