/**
 * Rendering of one page by pdf.js into an `ImageBitmap`, off the screen,
 * so that showing it later is a single `drawImage`.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';

import type { Rotation } from '../../core/pages/page-frame';
import { withTimeout } from './scan-problem';

/** One bitmap of a page: which page, turned how far, how many device pixels. */
export interface BitmapRequest {
  page: number;
  /** Absolute rotation, the page's `/Rotate` included. */
  rotation: Rotation;
  width: number;
  height: number;
}

/** Returns the cache key of a bitmap: `page/rotation/widthxheight`. */
export function bitmapKey(request: BitmapRequest): string {
  return `${request.page}/${request.rotation}/${request.width}x${request.height}`;
}

/** Bytes an RGBA bitmap of the request's size takes. */
export function bitmapBytes(request: {
  width: number;
  height: number;
}): number {
  return request.width * request.height * 4;
}

/**
 * Renders the page that `request` names. Rejects with pdf.js's
 * `RenderingCancelledException` when `signal` aborts, and with
 * `ScanTimeoutError` after `timeoutMs`.
 */
export async function renderPageBitmap(
  document: PDFDocumentProxy,
  request: BitmapRequest,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ImageBitmap> {
  const page = await document.getPage(request.page);
  signal.throwIfAborted();

  // pdf.js takes the absolute rotation; it defaults to the page's /Rotate.
  const unscaled = page.getViewport({ scale: 1, rotation: request.rotation });
  const viewport = page.getViewport({
    scale: request.width / unscaled.width,
    rotation: request.rotation,
  });
  const canvas = new OffscreenCanvas(request.width, request.height);

  // pdf.js 5.6 draws into an OffscreenCanvas as into a canvas element; its
  // types only name the element.
  const task = page.render({
    canvas: canvas as unknown as HTMLCanvasElement,
    viewport,
  });
  const cancel = () => task.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    await withTimeout(
      task.promise,
      `Rendering page ${request.page}`,
      timeoutMs,
      cancel,
    );
    return canvas.transferToImageBitmap();
  } finally {
    signal.removeEventListener('abort', cancel);
    // Drops the decoded images of the page, tens of megabytes for a
    // 300 dpi scan; the page cache keeps the bitmap instead.
    page.cleanup();
  }
}

/** Returns a smaller copy of `bitmap`, for a thumbnail. */
export function shrinkBitmap(
  bitmap: ImageBitmap,
  size: { width: number; height: number },
): Promise<ImageBitmap> {
  return createImageBitmap(bitmap, {
    resizeWidth: size.width,
    resizeHeight: size.height,
    resizeQuality: 'medium',
  });
}
