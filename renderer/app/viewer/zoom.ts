/**
 * Zoom arithmetic of the scan viewer. A zoom of 1 (100 %) shows a page at
 * its printed size: CSS counts 96 pixels to the inch and PDF 72 points, so
 * one point is 96/72 CSS pixels.
 */

export const CSS_PIXELS_PER_POINT = 96 / 72;

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 4;

/** The levels that zoom in and zoom out step through, as browsers do. */
export const ZOOM_STEPS: readonly number[] = [
  0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4,
];

/**
 * How much one pixel of Ctrl+wheel scroll zooms: 100 pixels (one notch of
 * most mice) zoom by a factor of e^0.2, about 1.22, and Chromium's pinch
 * gestures send small deltas, so they zoom smoothly.
 */
const WHEEL_ZOOM_PER_PIXEL = 0.002;

/** Bigger wheel deltas, such as a line or page at a time, count as this many pixels. */
const MAX_WHEEL_DELTA = 100;

/** Steps closer than this to the current zoom count as the current zoom. */
const STEP_TOLERANCE = 0.005;

/**
 * The rule the zoom follows: fit the width or the whole of the page in the
 * space available, which changes with the window, or a fixed level.
 */
export type ZoomMode =
  | { kind: 'fit-width' }
  | { kind: 'fit-page' }
  | { kind: 'fixed'; zoom: number };

export interface Size {
  width: number;
  height: number;
}

/** Returns `zoom` within [MIN_ZOOM, MAX_ZOOM]. */
export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) {
    return 1;
  }
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Returns the zoom at which a page of `page` points fills the width of `area` CSS pixels. */
export function fitWidthZoom(page: Size, area: Size): number {
  return clampZoom(area.width / (page.width * CSS_PIXELS_PER_POINT));
}

/** Returns the zoom at which the whole page of `page` points fits in `area` CSS pixels. */
export function fitPageZoom(page: Size, area: Size): number {
  return clampZoom(
    Math.min(
      area.width / (page.width * CSS_PIXELS_PER_POINT),
      area.height / (page.height * CSS_PIXELS_PER_POINT),
    ),
  );
}

/** Returns the zoom that `mode` gives a page of `page` points in `area`. */
export function resolveZoom(mode: ZoomMode, page: Size, area: Size): number {
  switch (mode.kind) {
    case 'fit-width':
      return fitWidthZoom(page, area);
    case 'fit-page':
      return fitPageZoom(page, area);
    case 'fixed':
      return clampZoom(mode.zoom);
  }
}

/** Returns the first step above `zoom`, or MAX_ZOOM. */
export function zoomInStep(zoom: number): number {
  const next = ZOOM_STEPS.find((step) => step > zoom + STEP_TOLERANCE);
  return next ?? MAX_ZOOM;
}

/** Returns the last step below `zoom`, or MIN_ZOOM. */
export function zoomOutStep(zoom: number): number {
  const previous = ZOOM_STEPS.findLast((step) => step < zoom - STEP_TOLERANCE);
  return previous ?? MIN_ZOOM;
}

/**
 * Returns the zoom after a Ctrl+wheel event of `deltaY` pixels: scrolling
 * up (negative) zooms in. The factor is exponential, so scrolling down by
 * the same amount undoes it.
 */
export function wheelZoom(zoom: number, deltaY: number): number {
  const delta = Math.max(-MAX_WHEEL_DELTA, Math.min(MAX_WHEEL_DELTA, deltaY));
  return clampZoom(zoom * Math.exp(-delta * WHEEL_ZOOM_PER_PIXEL));
}

/** Returns the zoom as a whole percentage, as the toolbar shows it. */
export function zoomPercent(zoom: number): number {
  return Math.round(zoom * 100);
}

/**
 * Returns the size in CSS pixels of a page of `page` points shown at
 * `zoom`, rounded to whole pixels so that the canvas and the overlays drawn
 * over it line up exactly.
 */
export function shownPageSize(page: Size, zoom: number): Size {
  return {
    width: Math.max(1, Math.round(page.width * zoom * CSS_PIXELS_PER_POINT)),
    height: Math.max(1, Math.round(page.height * zoom * CSS_PIXELS_PER_POINT)),
  };
}

/**
 * Returns the size in device pixels of the bitmap of a page shown at `css`
 * CSS pixels on a screen of `pixelRatio` device pixels per CSS pixel. A
 * bitmap would exceed `maxPixels` only at high zoom: it is then scaled down
 * to `maxPixels`, and the browser stretches it, a little blurred.
 */
export function bitmapSize(
  css: Size,
  pixelRatio: number,
  maxPixels: number,
): Size {
  const ratio = pixelRatio > 0 && Number.isFinite(pixelRatio) ? pixelRatio : 1;
  let width = css.width * ratio;
  let height = css.height * ratio;

  const pixels = width * height;
  if (pixels > maxPixels) {
    const shrink = Math.sqrt(maxPixels / pixels);
    width *= shrink;
    height *= shrink;
  }
  return {
    width: Math.max(1, Math.floor(width)),
    height: Math.max(1, Math.floor(height)),
  };
}
