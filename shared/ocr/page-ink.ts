/**
 * Blank page detection from the pixels of a small grayscale raster of the
 * page, with no OCR: a page is blank when almost none of its inner area is
 * clearly darker than the paper.
 */

/** A grayscale image, one byte per pixel from 0 (black) to 255 (white), row by row. */
export interface GrayRaster {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export interface InkStatistics {
  /** Share of the inner area's pixels that are ink, from 0 to 1. */
  inkRatio: number;
  /** Gray level of the paper: the 90th percentile of the inner area. */
  paperLevel: number;
  /** Pixels at or below this level count as ink. */
  inkLevel: number;
}

export interface InkOptions {
  /** Share of each side left out as scanner edge shadow. Default 0.04. */
  margin?: number;
  /** How much darker than the paper a pixel must be to count as ink. Default 70 gray levels. */
  contrast?: number;
}

/**
 * Ink ratio at or below which a page counts as blank. Grain and dust on a
 * blank generated scan stay under 0.0005 of a 300-pixel raster, and a sheet
 * with only a printed header is above 0.004.
 */
export const BLANK_INK_RATIO = 0.002;

/**
 * Side of the raster the checks ask for, in pixels: at this size a dust
 * speck of under half a millimetre averages away into the paper, while pen
 * strokes stay dark.
 */
export const INK_RASTER_SIZE = 300;

/** Measures how much of the page's inner area is ink. Raises a RangeError for a malformed raster. */
export function measureInk(
  raster: GrayRaster,
  options: InkOptions = {},
): InkStatistics {
  const { width, height, data } = raster;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 1 ||
    height < 1
  ) {
    throw new RangeError(
      `Invalid raster size ${String(width)} x ${String(height)}: give whole numbers of pixels, at least 1.`,
    );
  }
  if (data.length !== width * height) {
    throw new RangeError(
      `Invalid raster: ${data.length} bytes for ${width} x ${height} pixels. Give one gray byte per pixel.`,
    );
  }

  const margin = options.margin ?? 0.04;
  const contrast = options.contrast ?? 70;
  const left = Math.floor(width * margin);
  const right = Math.max(left + 1, width - left);
  const top = Math.floor(height * margin);
  const bottom = Math.max(top + 1, height - top);

  const histogram = new Uint32Array(256);
  for (let y = top; y < bottom; y++) {
    const row = y * width;
    for (let x = left; x < right; x++) {
      const level = data[row + x] as number;
      histogram[level] = (histogram[level] as number) + 1;
    }
  }
  const total = (right - left) * (bottom - top);

  // The paper fills most of any exam sheet, so a high percentile of the
  // gray levels is the paper even where ink covers a good part of the page.
  let seen = 0;
  let paperLevel = 255;
  for (let level = 0; level < 256; level++) {
    seen += histogram[level] as number;
    if (seen >= total * 0.9) {
      paperLevel = level;
      break;
    }
  }

  const inkLevel = Math.max(0, paperLevel - contrast);
  let ink = 0;
  for (let level = 0; level <= inkLevel; level++) {
    ink += histogram[level] as number;
  }
  return { inkRatio: ink / total, paperLevel, inkLevel };
}

/** Tells whether ink statistics show a blank page. */
export function isBlank(
  statistics: InkStatistics,
  threshold = BLANK_INK_RATIO,
): boolean {
  return statistics.inkRatio <= threshold;
}
