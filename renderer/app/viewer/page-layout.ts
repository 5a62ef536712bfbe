/**
 * The layout of each page of a scan at a given zoom: its frame in CSS
 * pixels, which the overlays share, and the bitmap that fills it at the
 * screen's pixel ratio.
 */
import type { PageFrame, Rotation } from '../../core/pages/page-frame';
import type { BitmapRequest } from './page-bitmap';
import { rotatedSize, shownRotation, type PageGeometry } from './page-geometry';
import { bitmapSize, shownPageSize, type Size } from './zoom';

/**
 * Maximum pixels of one page bitmap, 16 million (64 MB): at 400 % a page
 * would need far more, and is then stretched from this many.
 */
export const MAX_BITMAP_PIXELS = 16 * 1024 * 1024;

/** Height of a thumbnail, CSS pixels; its width follows the page's shape. */
export const THUMBNAIL_HEIGHT = 112;

/** One page as laid out. */
export interface PageLayout {
  frame: PageFrame;
  bitmap: BitmapRequest;
}

export type UserRotations = Readonly<Partial<Record<number, Rotation>>>;

/** Returns the size in points of `page` (from 1) as shown. */
export function shownPointSize(
  pages: readonly PageGeometry[],
  userRotations: UserRotations,
  page: number,
): Size {
  const geometry = pages[page - 1];
  if (geometry === undefined) {
    return { width: 1, height: 1 };
  }
  return rotatedSize(
    geometry,
    shownRotation(geometry, userRotations[page] ?? 0),
  );
}

/**
 * Returns the size in points of a page that covers every page, for fitting
 * all the pages of continuous mode at one zoom.
 */
export function largestPointSize(
  pages: readonly PageGeometry[],
  userRotations: UserRotations,
): Size {
  let width = 1;
  let height = 1;
  pages.forEach((_, index) => {
    const size = shownPointSize(pages, userRotations, index + 1);
    width = Math.max(width, size.width);
    height = Math.max(height, size.height);
  });
  return { width, height };
}

/** Lays out every page at `zoom` on a screen of `pixelRatio`. */
export function layoutPages(
  pages: readonly PageGeometry[],
  userRotations: UserRotations,
  zoom: number,
  pixelRatio: number,
): PageLayout[] {
  return pages.map((geometry, index) => {
    const page = index + 1;
    const rotation = shownRotation(geometry, userRotations[page] ?? 0);
    const css = shownPageSize(rotatedSize(geometry, rotation), zoom);
    const pixels = bitmapSize(css, pixelRatio, MAX_BITMAP_PIXELS);
    return {
      frame: { page, rotation, width: css.width, height: css.height },
      bitmap: { page, rotation, width: pixels.width, height: pixels.height },
    };
  });
}

/** Returns the thumbnail bitmap of each page, `THUMBNAIL_HEIGHT` pixels high. */
export function thumbnailRequests(
  layouts: readonly PageLayout[],
  pixelRatio: number,
): BitmapRequest[] {
  return layouts.map(({ frame }) => {
    const width = (frame.width / frame.height) * THUMBNAIL_HEIGHT;
    const pixels = bitmapSize(
      { width, height: THUMBNAIL_HEIGHT },
      pixelRatio,
      MAX_BITMAP_PIXELS,
    );
    return { page: frame.page, rotation: frame.rotation, ...pixels };
  });
}
