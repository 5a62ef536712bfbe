import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  pageToShown,
  pixelsPerPageWidth,
  roundUnit,
  shownToPage,
  shownVectorToPage,
  unrotatedSize,
} from '../../../../../renderer/core/annotations/page-transform';
import {
  ROTATIONS,
  type PageFrame,
  type Rotation,
} from '../../../../../renderer/core/pages/page-frame';

// An A4 page in PDF points, shown at the zoom levels of the viewer's range.
const A4 = { width: 595, height: 842 };
const ZOOMS = [0.25, 0.5, 1, 1.37, 2, 4];

function frameOf(
  rotation: Rotation,
  unrotated: { width: number; height: number },
  zoom: number,
): PageFrame {
  const width = unrotated.width * zoom;
  const height = unrotated.height * zoom;
  const quarterTurn = rotation === 90 || rotation === 270;
  return {
    page: 1,
    rotation,
    width: quarterTurn ? height : width,
    height: quarterTurn ? width : height,
  };
}

const unitValue = fc
  .integer({ min: 0, max: 10_000 })
  .map((tenThousandths) => tenThousandths / 10_000);

const frames = fc
  .record({
    rotation: fc.constantFrom(...ROTATIONS),
    zoom: fc.constantFrom(...ZOOMS),
    width: fc.integer({ min: 100, max: 2000 }),
    height: fc.integer({ min: 100, max: 2000 }),
  })
  .map(({ rotation, zoom, width, height }) =>
    frameOf(rotation, { width, height }, zoom),
  );

describe('page transform', () => {
  it('round trip is exact to rounding', () => {
    fc.assert(
      fc.property(frames, unitValue, unitValue, (frame, x, y) => {
        const back = shownToPage(pageToShown({ x, y }, frame), frame);
        expect(roundUnit(back.x)).toBe(x);
        expect(roundUnit(back.y)).toBe(y);
      }),
    );
  });

  it('round trip keeps any point to 1e-9', () => {
    fc.assert(
      fc.property(
        frames,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (frame, x, y) => {
          const back = shownToPage(pageToShown({ x, y }, frame), frame);
          expect(Math.abs(back.x - x)).toBeLessThan(1e-9);
          expect(Math.abs(back.y - y)).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('shown points stay on the shown page', () => {
    fc.assert(
      fc.property(frames, unitValue, unitValue, (frame, x, y) => {
        const shown = pageToShown({ x, y }, frame);
        expect(shown.x).toBeGreaterThanOrEqual(0);
        expect(shown.x).toBeLessThanOrEqual(frame.width);
        expect(shown.y).toBeGreaterThanOrEqual(0);
        expect(shown.y).toBeLessThanOrEqual(frame.height);
      }),
    );
  });

  // The unrotated page's top left corner, turned clockwise with the page.
  const TOP_LEFT_LANDS_AT: Record<Rotation, 'tl' | 'tr' | 'br' | 'bl'> = {
    0: 'tl',
    90: 'tr',
    180: 'br',
    270: 'bl',
  };

  for (const rotation of ROTATIONS) {
    it(`top left corner at ${rotation} degrees`, () => {
      const frame = frameOf(rotation, A4, 1.5);
      const corner = TOP_LEFT_LANDS_AT[rotation];
      const expected = {
        x: corner === 'tr' || corner === 'br' ? frame.width : 0,
        y: corner === 'bl' || corner === 'br' ? frame.height : 0,
      };

      const shown = pageToShown({ x: 0, y: 0 }, frame);

      expect(shown.x).toBeCloseTo(expected.x, 9);
      expect(shown.y).toBeCloseTo(expected.y, 9);
    });
  }

  it('unrotated size swaps at quarter turns', () => {
    expect(unrotatedSize(frameOf(0, A4, 2))).toEqual({
      width: 1190,
      height: 1684,
    });
    expect(unrotatedSize(frameOf(90, A4, 2))).toEqual({
      width: 1190,
      height: 1684,
    });
    expect(pixelsPerPageWidth(frameOf(270, A4, 2))).toBe(1190);
  });

  it('screen vector right maps per rotation', () => {
    // A move to the right on screen moves along the unrotated page's
    // x axis at 0, its -y at 90, its -x at 180 and its +y at 270.
    const right = { x: 100, y: 0 };
    const expected: Record<Rotation, { x: number; y: number }> = {
      0: { x: 100 / 595, y: 0 },
      90: { x: 0, y: -100 / 842 },
      180: { x: -100 / 595, y: 0 },
      270: { x: 0, y: 100 / 842 },
    };
    for (const rotation of ROTATIONS) {
      const vector = shownVectorToPage(right, frameOf(rotation, A4, 1));
      expect(vector.x).toBeCloseTo(expected[rotation].x, 12);
      expect(vector.y).toBeCloseTo(expected[rotation].y, 12);
    }
  });
});
