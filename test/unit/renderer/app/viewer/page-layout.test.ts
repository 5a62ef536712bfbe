import { describe, expect, it } from 'vitest';

import type { PageGeometry } from '../../../../../renderer/app/viewer/page-geometry';
import {
  largestPointSize,
  layoutPages,
  MAX_BITMAP_PIXELS,
  shownPointSize,
  THUMBNAIL_HEIGHT,
  thumbnailRequests,
} from '../../../../../renderer/app/viewer/page-layout';

/** A letter page, a letter page with /Rotate 90, and an A4 page. */
const PAGES: PageGeometry[] = [
  { width: 612, height: 792, rotate: 0 },
  { width: 612, height: 792, rotate: 90 },
  { width: 595.28, height: 841.89, rotate: 0 },
];

describe('layoutPages', () => {
  it('frames add the examiner rotation to /Rotate', () => {
    const layouts = layoutPages(PAGES, { 2: 90, 3: 270 }, 1, 1);

    expect(layouts.map((layout) => layout.frame.rotation)).toEqual([
      0, 180, 270,
    ]);
    expect(layouts.map((layout) => layout.frame.page)).toEqual([1, 2, 3]);
  });

  it('a turned page is wider than tall', () => {
    const [upright, turned] = layoutPages(PAGES, {}, 1, 1);

    expect(upright!.frame).toMatchObject({ width: 816, height: 1056 });
    expect(turned!.frame).toMatchObject({ width: 1056, height: 816 });
  });

  it('bitmaps follow the pixel ratio', () => {
    const [first] = layoutPages(PAGES, {}, 0.5, 2);

    expect(first!.frame).toMatchObject({ width: 408, height: 528 });
    expect(first!.bitmap).toEqual({
      page: 1,
      rotation: 0,
      width: 816,
      height: 1056,
    });
  });

  it('bitmaps stay under the pixel limit', () => {
    const [first] = layoutPages(PAGES, {}, 4, 3);

    expect(first!.bitmap.width * first!.bitmap.height).toBeLessThanOrEqual(
      MAX_BITMAP_PIXELS,
    );
    expect(first!.frame.width).toBe(3264);
  });
});

describe('page sizes', () => {
  it('shown size turns with the page', () => {
    expect(shownPointSize(PAGES, {}, 2)).toEqual({ width: 792, height: 612 });
    expect(shownPointSize(PAGES, { 2: 90 }, 2)).toEqual({
      width: 612,
      height: 792,
    });
  });

  it('largest size covers every page', () => {
    expect(largestPointSize(PAGES, {})).toEqual({ width: 792, height: 841.89 });
  });
});

describe('thumbnailRequests', () => {
  it('thumbnails keep the page shape', () => {
    const layouts = layoutPages(PAGES, {}, 1, 2);
    const [upright, turned] = thumbnailRequests(layouts, 2);

    expect(upright!.height).toBe(THUMBNAIL_HEIGHT * 2);
    expect(upright!.width).toBe(
      Math.floor((816 / 1056) * THUMBNAIL_HEIGHT * 2),
    );
    expect(turned!.rotation).toBe(90);
    expect(turned!.width).toBeGreaterThan(turned!.height);
  });
});
