/**
 * Conversion between page-relative units of the unrotated page and CSS
 * pixels of the page as shown, for any `PageFrame`.
 *
 * A page shown at rotation R is the unrotated page turned R degrees
 * clockwise, so at 90 and 270 the shown width is the unrotated height. This
 * is what pdf.js does for `page.getViewport({ scale, rotation })`, and the
 * unit tests check it against `convertToViewportPoint` on real pages.
 */
import type { PageFrame } from '../pages/page-frame';

/** A point or a vector: page-relative units or CSS pixels, as named. */
export interface Point {
  x: number;
  y: number;
}

/** Size in CSS pixels of the unrotated page at the frame's zoom. */
export function unrotatedSize(frame: PageFrame): {
  width: number;
  height: number;
} {
  const quarterTurn = frame.rotation === 90 || frame.rotation === 270;
  return quarterTurn
    ? { width: frame.height, height: frame.width }
    : { width: frame.width, height: frame.height };
}

/** CSS pixels per page-width unit, for line widths and sizes. */
export function pixelsPerPageWidth(frame: PageFrame): number {
  return unrotatedSize(frame).width;
}

/** Converts a point in page-relative units to CSS pixels of the shown page. */
export function pageToShown(point: Point, frame: PageFrame): Point {
  const { x: u, y: v } = point;
  switch (frame.rotation) {
    case 0:
      return { x: u * frame.width, y: v * frame.height };
    case 90:
      return { x: (1 - v) * frame.width, y: u * frame.height };
    case 180:
      return { x: (1 - u) * frame.width, y: (1 - v) * frame.height };
    case 270:
      return { x: v * frame.width, y: (1 - u) * frame.height };
  }
}

/** Converts CSS pixels of the shown page to page-relative units. */
export function shownToPage(point: Point, frame: PageFrame): Point {
  const sx = point.x / frame.width;
  const sy = point.y / frame.height;
  switch (frame.rotation) {
    case 0:
      return { x: sx, y: sy };
    case 90:
      return { x: sy, y: 1 - sx };
    case 180:
      return { x: 1 - sx, y: 1 - sy };
    case 270:
      return { x: 1 - sy, y: sx };
  }
}

/**
 * Converts a displacement in CSS pixels on screen to page-relative units, so
 * that moving an annotation to the right on screen moves it to the right
 * whatever the rotation.
 */
export function shownVectorToPage(vector: Point, frame: PageFrame): Point {
  const origin = shownToPage({ x: 0, y: 0 }, frame);
  const end = shownToPage(vector, frame);
  return { x: end.x - origin.x, y: end.y - origin.y };
}

/** Keeps `value` within [0, 1]. */
export function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Rounds to 4 decimals: 0.1 px on a page 1,000 px wide. */
export function roundUnit(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
