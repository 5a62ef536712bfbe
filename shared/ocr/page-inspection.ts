/**
 * The page-integrity pipeline: for each page of a file, blank detection from
 * a small grayscale raster, then OCR of the header band only, turned until
 * its labels read, then the copy-level findings. It runs over an abstract
 * page image source, so the Chromium client and the Node command run the
 * same steps.
 */
import {
  findCopyProblems,
  type CopyFindingOptions,
  type CopyVerdict,
  type PageInspection,
} from './copy-findings';
import {
  findAnonymousCodeBox,
  readHeaderFields,
  type HeaderFields,
} from './header-fields';
import { DEFAULT_HEADER_LAYOUT, type HeaderLayout } from './header-layout';
import type { OcrImage } from './ocr-image';
import type { OcrJob } from './ocr-pool';
import type { OcrReading, PageBox } from './ocr-types';
import {
  BLANK_INK_RATIO,
  INK_RASTER_SIZE,
  isBlank,
  measureInk,
  type GrayRaster,
} from './page-ink';
import { boxContains, unrotateBox, type PageRotation } from './page-rotation';

/** A region of a page to render, and how. */
export interface RenderRequest {
  /** The region of the unrotated page to render, in page-relative units. */
  region: PageBox;
  /** Clockwise turn to render the region at. */
  rotation: PageRotation;
  /** Resolution in dots per inch. */
  dpi: number;
  signal?: AbortSignal;
}

/**
 * The pages of one scanned file, as the checks need them. Chromium
 * implements it with pdf.js and a canvas, Node with the pdf.js legacy build
 * and `@napi-rs/canvas`.
 */
export interface PageImageSource {
  readonly pageCount: number;
  /**
   * The turn the file itself gives page `page` (from 1), such as a PDF
   * page's `/Rotate`. Orientation findings count from it. Default 0.
   */
  pageRotation?(page: number): Promise<PageRotation>;
  /**
   * Renders `request.region` of page `page` (from 1) to a PNG or JPEG
   * image. The image returned shows that region turned by
   * `request.rotation`, with `area` and `rotation` set to match.
   */
  renderRegion(page: number, request: RenderRequest): Promise<OcrImage>;
  /**
   * Renders page `page` (from 1), unrotated, to a grayscale raster whose
   * longer side is at most `maxSide` pixels.
   */
  grayRaster(page: number, maxSide: number): Promise<GrayRaster>;
}

/** The part of the OCR pool the pipeline uses, which `OcrPool` implements. */
export interface OcrRecognizer {
  recognize(job: OcrJob): Promise<OcrReading>;
}

export interface InspectionOptions {
  layout?: HeaderLayout;
  /** Resolution the header band is rendered at, in dots per inch. Default 150. */
  dpi?: number;
  /** Ink ratio at or below which a page is blank. Default `BLANK_INK_RATIO`. */
  blankInkRatio?: number;
  signal?: AbortSignal;
}

export interface CopyInspectionOptions
  extends InspectionOptions, CopyFindingOptions {
  /** Pages inspected at once; the OCR pool limits OCR further. Default 4. */
  pagesInFlight?: number;
  /** Called as each page's inspection ends, in completion order. */
  onPage?(inspection: PageInspection, done: number, total: number): void;
}

export interface CopyInspection extends CopyVerdict {
  /** Every page's inspection, in file order. */
  pages: PageInspection[];
}

export const DEFAULT_HEADER_DPI = 150;

/**
 * Turns tried, in order, when the upright header band reads no label: a
 * sheet fed head first is far more common than one fed sideways.
 */
const TURNS_TO_TRY: readonly PageRotation[] = [0, 180, 90, 270];

/** Characters an anonymous code is made of, for the second reading of the code. */
const CODE_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-';

/** Margin added around the code's word box for its second reading, in page-relative units. */
const CODE_MARGIN = { horizontal: 0.008, vertical: 0.005 };

/**
 * Reads the anonymous code a second time, alone on its line. Within the
 * whole band Tesseract 5's French model often reads "A0" as "AO" or "AO0"
 * in a sans-serif face, and a single-line reading of the code's box alone
 * does not (20 of 20 sample pages right against 14 of 20).
 */
async function rereadCode(
  recognizer: OcrRecognizer,
  image: OcrImage,
  band: OcrReading,
  layout: HeaderLayout,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const word = findAnonymousCodeBox(band, layout);
  if (word === undefined) {
    return undefined;
  }
  const region: PageBox = {
    left: Math.max(band.region.left, word.left - CODE_MARGIN.horizontal),
    top: Math.max(band.region.top, word.top - CODE_MARGIN.vertical),
    right: Math.min(band.region.right, word.right + CODE_MARGIN.horizontal),
    bottom: Math.min(band.region.bottom, word.bottom + CODE_MARGIN.vertical),
  };
  if (!boxContains(band.region, region) || region.left >= region.right) {
    return undefined;
  }

  const reading = await recognizer.recognize({
    image,
    region,
    signal,
    singleLine: true,
    allowedCharacters: CODE_CHARACTERS,
  });
  const text = reading.lines
    .flatMap((line) => line.words.map((w) => w.text))
    .join('');
  return /^[A-Z0-9-]{4,}$/.test(text) && /\d/.test(text) ? text : undefined;
}

/**
 * Reads the header band of `page` where it would sit if the unrotated page
 * had to be turned by `turn` to show the sheet upright.
 */
async function readBand(
  source: PageImageSource,
  recognizer: OcrRecognizer,
  page: number,
  turn: PageRotation,
  options: InspectionOptions,
): Promise<{ reading: OcrReading; fields: HeaderFields }> {
  const layout = options.layout ?? DEFAULT_HEADER_LAYOUT;

  // The layout's band is on the upright sheet, so turning it back gives
  // its place on the unrotated page.
  const region = unrotateBox(layout.band, turn);
  const image = await source.renderRegion(page, {
    region,
    rotation: turn,
    dpi: options.dpi ?? DEFAULT_HEADER_DPI,
    signal: options.signal,
  });
  const reading = await recognizer.recognize({
    image,
    region,
    signal: options.signal,
  });
  const fields = readHeaderFields(reading, layout);
  if (fields.anonymousCode !== undefined) {
    const code = await rereadCode(
      recognizer,
      image,
      reading,
      layout,
      options.signal,
    );
    fields.anonymousCode = code ?? fields.anonymousCode;
  }
  return { reading, fields };
}

/**
 * Resolution of the second reading of a band whose labels read but one of
 * whose values did not. At 150 dpi Tesseract sometimes misreads one
 * character of a clear header, such as "Page 1/4" read as "Page 1/ a", and
 * reads it right at 300 dpi (seen on 2 pages of 60 generated copies).
 */
export const RETRY_HEADER_DPI = 300;

/** Fills the values missing from `fields` with those of a second reading. */
function withMissingValues(
  fields: HeaderFields,
  second: HeaderFields,
): HeaderFields {
  const merged = { ...fields };
  if (
    merged.anonymousCode === undefined &&
    second.anonymousCode !== undefined
  ) {
    merged.anonymousCode = second.anonymousCode;
  }
  if (merged.pageCount === undefined && second.pageCount !== undefined) {
    merged.pageCount = second.pageCount;
  }
  // The page number and the count printed after it come as one pair.
  if (merged.pageNumber === undefined && second.pageNumber !== undefined) {
    merged.pageNumber = second.pageNumber;
    merged.numberingCount = second.numberingCount;
  }
  return merged;
}

function lacksValue(fields: HeaderFields): boolean {
  return (
    fields.anonymousCode === undefined ||
    fields.pageCount === undefined ||
    fields.pageNumber === undefined
  );
}

/**
 * Inspects one page (from 1): blank or not, then the header band, turned
 * 180°, 90° and 270° in turn until its labels read. A band whose labels
 * read but a value did not is read again at `RETRY_HEADER_DPI`.
 */
export async function inspectPage(
  source: PageImageSource,
  recognizer: OcrRecognizer,
  page: number,
  options: InspectionOptions = {},
): Promise<PageInspection> {
  const raster = await source.grayRaster(page, INK_RASTER_SIZE);
  const ink = measureInk(raster);
  if (isBlank(ink, options.blankInkRatio ?? BLANK_INK_RATIO)) {
    return {
      page,
      blank: true,
      inkRatio: ink.inkRatio,
      header: { labelFound: false },
      confidence: 0,
    };
  }

  const fileTurn = (await source.pageRotation?.(page)) ?? 0;
  let upright: { reading: OcrReading; fields: HeaderFields } | undefined;
  for (const turn of TURNS_TO_TRY) {
    options.signal?.throwIfAborted();
    const absoluteTurn = ((fileTurn + turn) % 360) as PageRotation;
    const band = await readBand(
      source,
      recognizer,
      page,
      absoluteTurn,
      options,
    );
    upright ??= band;
    if (band.fields.labelFound) {
      let fields = band.fields;
      if (
        lacksValue(fields) &&
        (options.dpi ?? DEFAULT_HEADER_DPI) < RETRY_HEADER_DPI
      ) {
        const sharper = await readBand(source, recognizer, page, absoluteTurn, {
          ...options,
          dpi: RETRY_HEADER_DPI,
        });
        fields = withMissingValues(fields, sharper.fields);
      }
      return {
        page,
        blank: false,
        inkRatio: ink.inkRatio,
        orientation: turn,
        header: fields,
        confidence: band.reading.confidence,
      };
    }
  }

  return {
    page,
    blank: false,
    inkRatio: ink.inkRatio,
    header: upright?.fields ?? { labelFound: false },
    confidence: upright?.reading.confidence ?? 0,
  };
}

/**
 * Inspects every page of a file, several at a time, and finds the
 * copy-level problems.
 */
export async function inspectCopy(
  source: PageImageSource,
  recognizer: OcrRecognizer,
  options: CopyInspectionOptions = {},
): Promise<CopyInspection> {
  const total = source.pageCount;
  const pagesInFlight = Math.max(1, Math.floor(options.pagesInFlight ?? 4));
  const pages: PageInspection[] = new Array<PageInspection>(total);
  let next = 1;
  let done = 0;

  const inspectNext = async (): Promise<void> => {
    while (next <= total) {
      const page = next;
      next += 1;
      let inspection: PageInspection;
      try {
        inspection = await inspectPage(source, recognizer, page, options);
      } catch (error) {
        // The copy fails as a whole, so the other loops stop taking pages.
        next = total + 1;
        throw error;
      }
      pages[page - 1] = inspection;
      done += 1;
      options.onPage?.(inspection, done, total);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(pagesInFlight, total) }, inspectNext),
  );

  return { pages, ...findCopyProblems(pages, options) };
}
