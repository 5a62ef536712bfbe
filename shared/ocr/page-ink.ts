/**
 * Blank page detection from the pixels of a small grayscale raster of the
 * page, with no OCR: a page is blank when almost none of its inner area is
 * clearly darker than the paper. Paper grain stays within a few gray levels
 * of the paper, and isolated dark pixels (dust) are not counted.
 */

/** A grayscale image, one byte per pixel from 0 (black) to 255 (white), row by row. */
export interface GrayRaster {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export interface InkStatistics {
  /**
   * Share of the inner area's pixels that are ink, from 0 to 1. A dark pixel
   * counts as ink only when at least two of its eight neighbours are dark.
   */
  inkRatio: number;
  /** Gray level of the paper: the 90th percentile of the inner area. */
  paperLevel: number;
  /** Pixels at or below this level count as ink. */
  inkLevel: number;
}

export interface InkOptions {
  /** Share of each side left out as scanner edge shadow. Default 0.04. */
  margin?: number;
  /** Gray levels below the paper at which a pixel is dark. Default 60. */
  contrast?: number;
}

/**
 * Ink ratio at or below which a page counts as blank: 30 pixels of a
 * 212 x 300 raster, about one handwritten word. Blank sample scans
 * (`server/sample`, 150 and 300 dpi) measure 0, and a sample sheet with
 * only its printed header about 0.008.
 */
export const BLANK_INK_RATIO = 0.0005;

/**
 * Longer side of the raster the checks render, in pixels: about 1 mm per
 * pixel on A4, so a dust speck under half a millimetre averages into the
 * paper while pen strokes stay dark.
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
  const contrast = options.contrast ?? 60;
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
  const ink = countInkPixels(raster, { left, top, right, bottom }, inkLevel);
  return { inkRatio: ink / total, paperLevel, inkLevel };
}

/**
 * Counts the dark pixels of the box that have at least two dark pixels
 * among their eight neighbours, so lone specks of dust do not count.
 */
function countInkPixels(
  raster: GrayRaster,
  box: { left: number; top: number; right: number; bottom: number },
  inkLevel: number,
): number {
  const { width, height, data } = raster;
  const isDark = (x: number, y: number): boolean =>
    x >= 0 &&
    y >= 0 &&
    x < width &&
    y < height &&
    (data[y * width + x] as number) <= inkLevel;

  let ink = 0;
  for (let y = box.top; y < box.bottom; y++) {
    for (let x = box.left; x < box.right; x++) {
      if (!isDark(x, y)) {
        continue;
      }
      let darkNeighbours = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx !== 0 || dy !== 0) && isDark(x + dx, y + dy)) {
            darkNeighbours += 1;
          }
        }
      }
      if (darkNeighbours >= 2) {
        ink += 1;
      }
    }
  }
  return ink;
}

/** Tells whether ink statistics show a blank page. */
export function isBlank(
  statistics: InkStatistics,
  threshold = BLANK_INK_RATIO,
): boolean {
  return statistics.inkRatio <= threshold;
}
