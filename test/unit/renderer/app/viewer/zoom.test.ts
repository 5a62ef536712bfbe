import { describe, expect, it } from 'vitest';

import {
  bitmapSize,
  clampZoom,
  CSS_PIXELS_PER_POINT,
  fitPageZoom,
  fitWidthZoom,
  MAX_ZOOM,
  MIN_ZOOM,
  resolveZoom,
  shownPageSize,
  wheelZoom,
  zoomInStep,
  zoomOutStep,
  zoomPercent,
} from '../../../../../renderer/app/viewer/zoom';

/** An A4 page in points, portrait. */
const A4 = { width: 595.28, height: 841.89 };

describe('fit zoom', () => {
  it('fit width fills the width', () => {
    const zoom = fitWidthZoom(A4, { width: 800, height: 300 });

    expect(zoom * A4.width * CSS_PIXELS_PER_POINT).toBeCloseTo(800, 6);
  });

  it('fit page fits the height of a tall page', () => {
    const area = { width: 1200, height: 700 };
    const zoom = fitPageZoom(A4, area);

    expect(zoom * A4.height * CSS_PIXELS_PER_POINT).toBeCloseTo(700, 6);
    expect(zoom * A4.width * CSS_PIXELS_PER_POINT).toBeLessThan(1200);
  });

  it('fit page fits the width of a wide page', () => {
    const landscape = { width: A4.height, height: A4.width };
    const area = { width: 600, height: 900 };
    const zoom = fitPageZoom(landscape, area);

    expect(zoom * landscape.width * CSS_PIXELS_PER_POINT).toBeCloseTo(600, 6);
    expect(zoom * landscape.height * CSS_PIXELS_PER_POINT).toBeLessThan(900);
  });

  it('fit stays within the limits', () => {
    expect(fitWidthZoom(A4, { width: 10, height: 10 })).toBe(MIN_ZOOM);
    expect(fitPageZoom(A4, { width: 100_000, height: 100_000 })).toBe(MAX_ZOOM);
  });

  it('resolveZoom follows the mode', () => {
    const area = { width: 800, height: 600 };

    expect(resolveZoom({ kind: 'fit-width' }, A4, area)).toBe(
      fitWidthZoom(A4, area),
    );
    expect(resolveZoom({ kind: 'fit-page' }, A4, area)).toBe(
      fitPageZoom(A4, area),
    );
    expect(resolveZoom({ kind: 'fixed', zoom: 1.5 }, A4, area)).toBe(1.5);
    expect(resolveZoom({ kind: 'fixed', zoom: 9 }, A4, area)).toBe(MAX_ZOOM);
  });
});

describe('zoom steps', () => {
  it('zoom in goes to the next step', () => {
    expect(zoomInStep(1)).toBe(1.1);
    expect(zoomInStep(0.25)).toBe(0.33);
    expect(zoomInStep(1.3)).toBe(1.5);
  });

  it('zoom out goes to the previous step', () => {
    expect(zoomOutStep(1)).toBe(0.9);
    expect(zoomOutStep(1.3)).toBe(1.25);
    expect(zoomOutStep(0.33)).toBe(0.25);
  });

  it('a zoom near a step counts as that step', () => {
    expect(zoomInStep(1.002)).toBe(1.1);
    expect(zoomOutStep(0.998)).toBe(0.9);
  });

  it('steps stop at the limits', () => {
    expect(zoomInStep(MAX_ZOOM)).toBe(MAX_ZOOM);
    expect(zoomInStep(3.9)).toBe(MAX_ZOOM);
    expect(zoomOutStep(MIN_ZOOM)).toBe(MIN_ZOOM);
    expect(zoomOutStep(0.2)).toBe(MIN_ZOOM);
  });

  it('stepping up then down returns', () => {
    let zoom = 1;
    for (let index = 0; index < 5; index++) {
      zoom = zoomInStep(zoom);
    }
    expect(zoom).toBe(2);
    for (let index = 0; index < 5; index++) {
      zoom = zoomOutStep(zoom);
    }
    expect(zoom).toBe(1);
  });
});

describe('wheel zoom', () => {
  it('scrolling up zooms in', () => {
    expect(wheelZoom(1, -100)).toBeGreaterThan(1);
    expect(wheelZoom(1, 100)).toBeLessThan(1);
  });

  it('opposite deltas cancel out', () => {
    expect(wheelZoom(wheelZoom(1.3, -40), 40)).toBeCloseTo(1.3, 10);
  });

  it('one mouse notch zooms about a fifth', () => {
    expect(wheelZoom(1, -100)).toBeCloseTo(Math.exp(0.2), 10);
  });

  it('huge deltas count as one notch', () => {
    expect(wheelZoom(1, -3000)).toBe(wheelZoom(1, -100));
  });

  it('wheel zoom stays within the limits', () => {
    expect(wheelZoom(MAX_ZOOM, -100)).toBe(MAX_ZOOM);
    expect(wheelZoom(MIN_ZOOM, 100)).toBe(MIN_ZOOM);
  });
});

describe('sizes', () => {
  it('clampZoom turns a non-number into 100 %', () => {
    expect(clampZoom(Number.NaN)).toBe(1);
    expect(clampZoom(Number.POSITIVE_INFINITY)).toBe(1);
  });

  it('zoomPercent rounds', () => {
    expect(zoomPercent(1)).toBe(100);
    expect(zoomPercent(0.666)).toBe(67);
  });

  it('a page at 100 % is its printed size', () => {
    // 8.5 x 11 inches at 96 CSS pixels to the inch.
    expect(shownPageSize({ width: 612, height: 792 }, 1)).toEqual({
      width: 816,
      height: 1056,
    });
  });

  it('a bitmap has the screen pixel ratio', () => {
    expect(bitmapSize({ width: 816, height: 1056 }, 2, 1e8)).toEqual({
      width: 1632,
      height: 2112,
    });
    expect(bitmapSize({ width: 816, height: 1056 }, 1.25, 1e8)).toEqual({
      width: 1020,
      height: 1320,
    });
  });

  it('a bitmap shrinks to the pixel limit', () => {
    const size = bitmapSize({ width: 4000, height: 6000 }, 2, 16e6);

    expect(size.width * size.height).toBeLessThanOrEqual(16e6);
    expect(size.width * size.height).toBeGreaterThan(15.9e6);
    expect(size.width / size.height).toBeCloseTo(4000 / 6000, 3);
  });

  it('a bad pixel ratio counts as one', () => {
    expect(bitmapSize({ width: 100, height: 50 }, 0, 1e8)).toEqual({
      width: 100,
      height: 50,
    });
  });
});
