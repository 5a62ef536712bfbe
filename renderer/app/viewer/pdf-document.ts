/**
 * pdf.js in the renderer: the standard build, with its worker bundled by
 * Vite as a file of the app (the CSP allows workers from the app only).
 */
import {
  getDocument,
  GlobalWorkerOptions,
  RenderingCancelledException,
  type PDFDocumentProxy,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Opens a PDF from its bytes. The caller destroys the document when done. */
export function openPdf(bytes: ArrayBuffer): Promise<PDFDocumentProxy> {
  return getDocument({
    data: new Uint8Array(bytes),
    // Font programs never run as code (CVE-2024-4367 in older pdf.js).
    isEvalSupported: false,
    // Scans carry their pages as images: no fonts or character maps to fetch.
    disableFontFace: true,
    useSystemFonts: false,
  }).promise;
}

/**
 * Draws page `pageNumber` (from 1) into `canvas`, `cssWidth` pixels wide on
 * screen, at the screen's pixel density. Resolves without drawing when
 * `signal` aborts first.
 */
export async function renderPage(
  document: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  cssWidth: number,
  signal: AbortSignal,
): Promise<void> {
  const page = await document.getPage(pageNumber);
  if (signal.aborted) {
    return;
  }
  const unscaled = page.getViewport({ scale: 1 });
  const scale = cssWidth / unscaled.width;
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });

  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;

  const task = page.render({ canvas, viewport });
  const cancel = () => task.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    await task.promise;
  } catch (error) {
    if (!(error instanceof RenderingCancelledException)) {
      throw error;
    }
  } finally {
    signal.removeEventListener('abort', cancel);
    page.cleanup();
  }
}
