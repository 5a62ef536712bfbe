/**
 * An encoded page image handed to the OCR engine, and the conversion between
 * its pixels and page-relative units on the unrotated page.
 */
import { WHOLE_PAGE, type PageBox } from './ocr-types';
import {
  boxContains,
  isPageRotation,
  pageBoxProblem,
  rotateBox,
  unrotateBox,
  type PageRotation,
} from './page-rotation';

/** An encoded image of a page, or of part of it, as a renderer produced it. */
export interface OcrImage {
  /** PNG or JPEG bytes. */
  data: Uint8Array | Blob;
  /** Size of the image in pixels. */
  width: number;
  height: number;
  /** The part of the unrotated page that the image shows. Default: the whole page. */
  area?: PageBox;
  /** Clockwise turn of the image against the unrotated page. Default 0. */
  rotation?: PageRotation;
  /** Resolution the page was rendered at, in dots per inch, passed to Tesseract. */
  dpi?: number;
}

/** A rectangle in image pixels, as Tesseract takes it. */
export interface PixelRectangle {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Raised before any OCR runs when an image or region is unusable. */
export class OcrInputError extends Error {
  override name = 'OcrInputError';
}

/**
 * Maps between the pixels of one `OcrImage` and page-relative units on the
 * unrotated page. Raises `OcrInputError` naming the field when the image's
 * size, area or rotation is invalid.
 */
export class ImagePageMapping {
  readonly area: PageBox;
  readonly rotation: PageRotation;
  private readonly areaInView: PageBox;

  constructor(
    readonly width: number,
    readonly height: number,
    area: PageBox = WHOLE_PAGE,
    rotation: PageRotation = 0,
  ) {
    if (!Number.isInteger(width) || width < 1) {
      throw new OcrInputError(
        `Invalid image width: ${String(width)}. Give the image's width in pixels, a whole number of at least 1.`,
      );
    }
    if (!Number.isInteger(height) || height < 1) {
      throw new OcrInputError(
        `Invalid image height: ${String(height)}. Give the image's height in pixels, a whole number of at least 1.`,
      );
    }
    if (!isPageRotation(rotation)) {
      throw new OcrInputError(
        `Invalid image rotation: ${String(rotation)}. Use 0, 90, 180 or 270 degrees clockwise.`,
      );
    }
    const problem = pageBoxProblem(area);
    if (problem !== undefined) {
      throw new OcrInputError(
        `Invalid image area ${JSON.stringify(area)}: ${problem}.`,
      );
    }

    this.area = area;
    this.rotation = rotation;
    this.areaInView = rotateBox(area, rotation);
  }

  /** Converts a box in image pixels to page-relative units on the unrotated page. */
  pixelsToPage(x0: number, y0: number, x1: number, y1: number): PageBox {
    const view = this.areaInView;
    const scaleX = (view.right - view.left) / this.width;
    const scaleY = (view.bottom - view.top) / this.height;
    const inView: PageBox = {
      left: view.left + x0 * scaleX,
      top: view.top + y0 * scaleY,
      right: view.left + x1 * scaleX,
      bottom: view.top + y1 * scaleY,
    };
    return unrotateBox(inView, this.rotation);
  }

  /**
   * Converts a region of the unrotated page to the image pixels that show
   * it. Raises `OcrInputError` when the region is invalid or lies outside
   * the image's area.
   */
  pageToPixels(region: PageBox): PixelRectangle {
    const problem = pageBoxProblem(region);
    if (problem !== undefined) {
      throw new OcrInputError(
        `Invalid OCR region ${JSON.stringify(region)}: ${problem}.`,
      );
    }
    if (!boxContains(this.area, region)) {
      throw new OcrInputError(
        `Invalid OCR region ${JSON.stringify(region)}: it lies outside the image's area ${JSON.stringify(this.area)}. Render the region into the image, or read a region within it.`,
      );
    }

    const view = this.areaInView;
    const inView = rotateBox(region, this.rotation);
    const scaleX = this.width / (view.right - view.left);
    const scaleY = this.height / (view.bottom - view.top);
    const left = Math.max(0, Math.floor((inView.left - view.left) * scaleX));
    const top = Math.max(0, Math.floor((inView.top - view.top) * scaleY));
    const right = Math.min(
      this.width,
      Math.ceil((inView.right - view.left) * scaleX),
    );
    const bottom = Math.min(
      this.height,
      Math.ceil((inView.bottom - view.top) * scaleY),
    );
    return {
      left,
      top,
      width: Math.max(1, right - left),
      height: Math.max(1, bottom - top),
    };
  }
}
