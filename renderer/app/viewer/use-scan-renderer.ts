import { useEffect, useState, useSyncExternalStore } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';

import type { Logger } from '../../core/download/logger';
import { ScanRenderer } from './scan-renderer';

/** Time limit of rendering one page. */
export const RENDER_TIMEOUT_MS = 15_000;

const NO_CHANGES = () => () => undefined;

/**
 * Returns the renderer of `document`, made after the first render and
 * destroyed, bitmaps closed, when the document changes. The caller
 * re-renders whenever a page finishes rendering.
 */
export function useScanRenderer(
  document: PDFDocumentProxy,
  logger: Logger,
  renderTimeoutMs: number = RENDER_TIMEOUT_MS,
): ScanRenderer | null {
  const [renderer, setRenderer] = useState<ScanRenderer | null>(null);

  useEffect(() => {
    const created = new ScanRenderer(document, renderTimeoutMs, logger);
    setRenderer(created);
    return () => created.destroy();
  }, [document, logger, renderTimeoutMs]);

  useSyncExternalStore(
    renderer?.subscribe ?? NO_CHANGES,
    renderer?.getVersion ?? (() => 0),
  );
  // The renderer of a previous document is destroyed: never hand it out.
  return renderer !== null && renderer.isFor(document) ? renderer : null;
}
