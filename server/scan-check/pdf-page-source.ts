/**
 * The pages of a scanned PDF for the page-integrity checks in Node: the
 * pdf.js legacy build renders them onto `@napi-rs/canvas` canvases.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import {
  getDocument,
  type PDFDocumentProxy,
  type PDFPageProxy,
} from 'pdfjs-dist/legacy/build/pdf.mjs';

import type { OcrImage } from '../../shared/ocr/ocr-image';
import type { GrayRaster } from '../../shared/ocr/page-ink';
import type {
  PageImageSource,
  RenderRequest,
} from '../../shared/ocr/page-inspection';
import {
  isPageRotation,
  rotateBox,
  unrotateBox,
  type PageRotation,
} from '../../shared/ocr/page-rotation';

const require = createRequire(import.meta.url);
const PDFJS_FOLDER = dirname(require.resolve('pdfjs-dist/package.json'));

/** PDF user space units per inch. */
const POINTS_PER_INCH = 72;

/** The reason a file could not be opened as a PDF. */
export type PdfOpenFailure = 'not-pdf' | 'encrypted' | 'invalid';

/** Raised by `PdfPageSource.open` when the bytes are not a readable PDF. */
export class PdfOpenError extends Error {
  override name = 'PdfOpenError';

  constructor(
    readonly reason: PdfOpenFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The parts of pdf.js's Node canvas factory, and of the `@napi-rs/canvas`
 * canvases it makes, that this module uses.
 */
interface NodeCanvasAndContext {
  canvas: {
    width: number;
    height: number;
    encode(format: 'png'): Promise<Uint8Array>;
  };
  context: {
    fillStyle: string;
    fillRect(x: number, y: number, width: number, height: number): void;
    getImageData(
      x: number,
      y: number,
      width: number,
      height: number,
    ): { data: Uint8ClampedArray };
  };
}

interface NodeCanvasFactory {
  create(width: number, height: number): NodeCanvasAndContext;
  destroy(canvasAndContext: NodeCanvasAndContext): void;
}

/**
 * Renders `page` onto a new canvas of `width` x `height` pixels, the
 * viewport shifted by the offsets, and passes the canvas to `use`.
 */
async function withRenderedCanvas<T>(
  document: PDFDocumentProxy,
  page: PDFPageProxy,
  size: { width: number; height: number },
  view: { scale: number; rotation: number; offsetX: number; offsetY: number },
  use: (rendered: NodeCanvasAndContext) => Promise<T> | T,
): Promise<T> {
  // Canvases come from pdf.js's own factory: pdfjs-dist 5.6.205 bundles its
  // own @napi-rs/canvas, and drawing a canvas of one copy into a context of
  // the other aborts the process.
  const factory = document.canvasFactory as NodeCanvasFactory;
  const rendered = factory.create(size.width, size.height);
  try {
    rendered.context.fillStyle = 'white';
    rendered.context.fillRect(0, 0, size.width, size.height);
    const viewport = page.getViewport({
      scale: view.scale,
      rotation: view.rotation,
    });
    await page.render({
      canvas: rendered.canvas as unknown as HTMLCanvasElement,
      viewport,
      transform: [1, 0, 0, 1, -view.offsetX, -view.offsetY],
    }).promise;
    return await use(rendered);
  } finally {
    factory.destroy(rendered);
  }
}

export class PdfPageSource implements PageImageSource {
  private constructor(private readonly document: PDFDocumentProxy) {}

  /**
   * Opens PDF bytes. Raises `PdfOpenError` when they are not a PDF, are
   * encrypted with a password, or pdf.js cannot parse them.
   */
  static async open(data: Uint8Array): Promise<PdfPageSource> {
    const start = new TextDecoder('latin1').decode(data.subarray(0, 1024));
    if (!start.includes('%PDF-')) {
      throw new PdfOpenError(
        'not-pdf',
        'no %PDF- header in its first 1024 bytes',
      );
    }

    // pdf.js takes over the buffer it is given and rejects a Node Buffer,
    // so it gets a plain Uint8Array copy.
    const task = getDocument({
      data: new Uint8Array(data),
      isEvalSupported: false,
      standardFontDataUrl: join(PDFJS_FOLDER, 'standard_fonts') + '/',
      cMapUrl: join(PDFJS_FOLDER, 'cmaps') + '/',
      verbosity: 0,
    });
    try {
      return new PdfPageSource(await task.promise);
    } catch (error) {
      await task.destroy();
      const name = (error as Error).name;
      if (name === 'PasswordException') {
        throw new PdfOpenError('encrypted', 'it is encrypted with a password');
      }
      throw new PdfOpenError(
        'invalid',
        `pdf.js cannot read it (${(error as Error).message})`,
      );
    }
  }

  get pageCount(): number {
    return this.document.numPages;
  }

  async pageRotation(pageNumber: number): Promise<PageRotation> {
    const page = await this.document.getPage(pageNumber);
    const rotation = ((page.rotate % 360) + 360) % 360;
    return isPageRotation(rotation) ? rotation : 0;
  }

  async renderRegion(
    pageNumber: number,
    request: RenderRequest,
  ): Promise<OcrImage> {
    request.signal?.throwIfAborted();
    const page = await this.document.getPage(pageNumber);
    const scale = request.dpi / POINTS_PER_INCH;
    const viewport = page.getViewport({ scale, rotation: request.rotation });

    // Whole pixels of the turned page that cover the region; the image's
    // area is then exactly what those pixels show.
    const inView = rotateBox(request.region, request.rotation);
    const left = Math.floor(inView.left * viewport.width);
    const top = Math.floor(inView.top * viewport.height);
    const right = Math.ceil(inView.right * viewport.width);
    const bottom = Math.ceil(inView.bottom * viewport.height);
    const width = Math.max(1, right - left);
    const height = Math.max(1, bottom - top);

    const data = await withRenderedCanvas(
      this.document,
      page,
      { width, height },
      { scale, rotation: request.rotation, offsetX: left, offsetY: top },
      (rendered) => rendered.canvas.encode('png'),
    );

    const area = unrotateBox(
      {
        left: left / viewport.width,
        top: top / viewport.height,
        right: Math.min(1, (left + width) / viewport.width),
        bottom: Math.min(1, (top + height) / viewport.height),
      },
      request.rotation,
    );
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width,
      height,
      area,
      rotation: request.rotation,
      dpi: request.dpi,
    };
  }

  async grayRaster(pageNumber: number, maxSide: number): Promise<GrayRaster> {
    const page = await this.document.getPage(pageNumber);
    const unscaled = page.getViewport({ scale: 1, rotation: 0 });
    const scale = maxSide / Math.max(unscaled.width, unscaled.height);
    const width = Math.max(1, Math.floor(unscaled.width * scale));
    const height = Math.max(1, Math.floor(unscaled.height * scale));

    const rgba = await withRenderedCanvas(
      this.document,
      page,
      { width, height },
      { scale, rotation: 0, offsetX: 0, offsetY: 0 },
      (rendered) => rendered.context.getImageData(0, 0, width, height).data,
    );

    const gray = new Uint8Array(width * height);
    for (let pixel = 0; pixel < gray.length; pixel++) {
      const offset = pixel * 4;
      // ITU-R BT.601 luma weights.
      gray[pixel] = Math.round(
        0.299 * (rgba[offset] as number) +
          0.587 * (rgba[offset + 1] as number) +
          0.114 * (rgba[offset + 2] as number),
      );
    }
    return { width, height, data: gray };
  }

  async close(): Promise<void> {
    await this.document.destroy();
  }
}
