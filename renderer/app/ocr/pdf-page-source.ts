/**
 * The OCR pipeline's page images in Chromium: pages of an opened scan
 * rendered by pdf.js into an OffscreenCanvas, and encoded to PNG with
 * `convertToBlob`, which encodes off the main thread.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';

import type { OcrImage } from '../../../shared/ocr/ocr-image';
import type {
  PageImageSource,
  RenderRequest,
} from '../../../shared/ocr/page-inspection';
import type { GrayRaster } from '../../../shared/ocr/page-ink';
import type { PageBox } from '../../../shared/ocr/ocr-types';
import { withTimeout } from '../viewer/scan-problem';

/** PDF user units per inch. */
const POINTS_PER_INCH = 72;

/** Time one page may take to render for OCR, in milliseconds. */
const RENDER_TIMEOUT_MS = 30_000;

export class PdfPageSource implements PageImageSource {
  readonly #document: PDFDocumentProxy;

  constructor(document: PDFDocumentProxy) {
    this.#document = document;
  }

  get pageCount(): number {
    return this.#document.numPages;
  }

  async renderRegion(page: number, request: RenderRequest): Promise<OcrImage> {
    const canvas = await this.#render(
      page,
      request.region,
      request.rotation,
      request.dpi / POINTS_PER_INCH,
      request.signal,
    );
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return {
      data: blob,
      width: canvas.width,
      height: canvas.height,
      area: request.region,
      rotation: request.rotation,
      dpi: request.dpi,
    };
  }

  async grayRaster(page: number, maxSide: number): Promise<GrayRaster> {
    const pdfPage = await this.#document.getPage(page);
    const unscaled = pdfPage.getViewport({ scale: 1, rotation: 0 });
    const scale = maxSide / Math.max(unscaled.width, unscaled.height);
    const canvas = await this.#render(
      page,
      { left: 0, top: 0, right: 1, bottom: 1 },
      0,
      scale,
    );

    const context = canvas.getContext('2d');
    if (context === null) {
      throw new Error(`No 2D context to measure the ink of page ${page}`);
    }
    const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const data = new Uint8ClampedArray(canvas.width * canvas.height);
    for (let pixel = 0; pixel < data.length; pixel += 1) {
      const offset = pixel * 4;
      // ITU-R BT.601 luma weights.
      data[pixel] =
        0.299 * rgba[offset]! +
        0.587 * rgba[offset + 1]! +
        0.114 * rgba[offset + 2]!;
    }
    return { width: canvas.width, height: canvas.height, data };
  }

  /**
   * Renders `region` of the unrotated page, turned by `rotation`, at
   * `scale` canvas pixels per PDF unit, on a white background.
   */
  async #render(
    page: number,
    region: PageBox,
    rotation: number,
    scale: number,
    signal?: AbortSignal,
  ): Promise<OffscreenCanvas> {
    const pdfPage = await this.#document.getPage(page);
    signal?.throwIfAborted();

    // pdf.js takes the absolute rotation; the page's own /Rotate is left
    // out, because OCR units refer to the unrotated page.
    const viewport = pdfPage.getViewport({ scale, rotation });
    const [x1, y1] = viewport.convertToViewportPoint(
      ...toPdfPoint(pdfPage.view, region.left, region.top),
    );
    const [x2, y2] = viewport.convertToViewportPoint(
      ...toPdfPoint(pdfPage.view, region.right, region.bottom),
    );
    const left = Math.min(x1, x2);
    const top = Math.min(y1, y2);
    const width = Math.max(1, Math.round(Math.abs(x2 - x1)));
    const height = Math.max(1, Math.round(Math.abs(y2 - y1)));

    const canvas = new OffscreenCanvas(width, height);
    const task = pdfPage.render({
      // pdf.js 5.6 draws into an OffscreenCanvas as into a canvas element;
      // its types only name the element.
      canvas: canvas as unknown as HTMLCanvasElement,
      viewport,
      transform: [1, 0, 0, 1, -left, -top],
      background: 'white',
    });
    const cancel = () => task.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      await withTimeout(
        task.promise,
        `Rendering page ${page} for OCR`,
        RENDER_TIMEOUT_MS,
        cancel,
      );
      return canvas;
    } finally {
      signal?.removeEventListener('abort', cancel);
      pdfPage.cleanup();
    }
  }
}

/** Converts a page-relative point of the unrotated page to PDF units. */
function toPdfPoint(view: number[], x: number, y: number): [number, number] {
  const [minX = 0, minY = 0, maxX = 0, maxY = 0] = view;
  // PDF's y axis points up; page-relative units point down.
  return [minX + x * (maxX - minX), maxY - y * (maxY - minY)];
}
