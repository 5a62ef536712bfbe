import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { GRADE_LIMITS } from '../../../../../shared/api/schemas';
import {
  pageToShown,
  roundUnit,
} from '../../../../../renderer/core/annotations/page-transform';
import {
  buildStroke,
  distanceToSegment,
  simplifyPolyline,
  STROKE_JSON_BUDGET,
  type InputPoint,
} from '../../../../../renderer/core/annotations/stroke-simplify';
import type { PageFrame } from '../../../../../renderer/core/pages/page-frame';

const FRAME: PageFrame = { page: 1, rotation: 0, width: 820, height: 1160 };
const PEN = { width: 0.003, withPressure: false };

/** Distance from `point` to the nearest segment of `line`. */
function distanceToLine(
  point: { x: number; y: number },
  line: { x: number; y: number }[],
): number {
  if (line.length === 1) {
    return Math.hypot(point.x - line[0]!.x, point.y - line[0]!.y);
  }
  let nearest = Infinity;
  for (let index = 1; index < line.length; index++) {
    const a = line[index - 1]!;
    const b = line[index]!;
    nearest = Math.min(
      nearest,
      distanceToSegment([point.x, point.y], [a.x, a.y], [b.x, b.y]),
    );
  }
  return nearest;
}

function shownPoints(points: number[], frame: PageFrame) {
  const shown = [];
  for (let index = 0; index < points.length; index += 2) {
    shown.push(
      pageToShown({ x: points[index]!, y: points[index + 1]! }, frame),
    );
  }
  return shown;
}

/** Returns a spiral sampled about 2 px apart, as a pointer reports a loop. */
function spiral(count: number): InputPoint[] {
  return Array.from({ length: count }, (_, index) => {
    const angle = index * 0.02;
    return {
      x: 400 + Math.cos(angle) * (40 + index * 0.3),
      y: 500 + Math.sin(angle) * (30 + index * 0.2),
      pressure: 0.4 + 0.3 * Math.sin(index / 20),
    };
  });
}

describe('simplifyPolyline', () => {
  it('straight line keeps its ends', () => {
    const line = Array.from({ length: 300 }, (_, index) => [index, index * 2]);

    expect(simplifyPolyline(line, 0.5)).toEqual([
      [0, 0],
      [299, 598],
    ]);
  });

  it('keeps a corner', () => {
    const corner = [
      [0, 0],
      [50, 0],
      [100, 0],
      [100, 50],
      [100, 100],
    ];

    expect(simplifyPolyline(corner, 0.5)).toEqual([
      [0, 0],
      [100, 0],
      [100, 100],
    ]);
  });
});

describe('buildStroke', () => {
  it('keeps the shape within tolerance', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.double({ min: 0, max: 1, noNaN: true }),
            y: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { minLength: 1, maxLength: 400 },
        ),
        fc.constantFrom(0, 90, 180, 270 as const),
        (fractions, rotation) => {
          const frame: PageFrame = {
            ...FRAME,
            rotation,
            ...(rotation % 180 === 0 ? {} : { width: 1160, height: 820 }),
          };
          const inputs = fractions.map((fraction) => ({
            x: fraction.x * frame.width,
            y: fraction.y * frame.height,
          }));
          const stroke = buildStroke(inputs, frame, PEN);
          const kept = shownPoints(stroke.points, frame);
          // Rounding to 4 decimals moves a point by up to half a
          // ten-thousandth of the page on each axis.
          const rounding = Math.hypot(frame.width, frame.height) * 0.00005;
          for (const input of inputs) {
            expect(distanceToLine(input, kept)).toBeLessThanOrEqual(
              0.5 + rounding + 1e-9,
            );
          }
        },
      ),
    );
  });

  it('drops most points of a smooth line', () => {
    const inputs = spiral(400);

    const stroke = buildStroke(inputs, FRAME, PEN);

    expect(stroke.points.length / 2).toBeLessThan(120);
    expect(stroke.points.length / 2).toBeGreaterThan(10);
  });

  it('few hundred points stay well under the limit', () => {
    const stroke = buildStroke(spiral(400), FRAME, {
      width: 0.003,
      withPressure: true,
    });

    const length = JSON.stringify(stroke).length;
    expect(length).toBeLessThan(GRADE_LIMITS.geometryLength / 4);
  });

  it('noise still fits the budget', () => {
    // Random jumps across the page are the worst case for simplification:
    // no point is redundant at the default tolerance.
    const random = fc.sample(
      fc.record({
        x: fc.double({ min: 0, max: 820, noNaN: true }),
        y: fc.double({ min: 0, max: 1160, noNaN: true }),
        pressure: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { numRuns: 5000, seed: 42 },
    );

    const stroke = buildStroke(random, FRAME, {
      width: 0.003,
      withPressure: true,
    });

    const length = JSON.stringify(stroke).length;
    expect(length).toBeLessThanOrEqual(STROKE_JSON_BUDGET);
    expect(length).toBeLessThan(GRADE_LIMITS.geometryLength);
    // The tolerance grows only as much as the budget needs.
    expect(length).toBeGreaterThan(STROKE_JSON_BUDGET * 0.5);
  });

  it('over budget keeps what fits', () => {
    // A line with 1,600 spikes 3.3 px high and 200 spikes 3.8 px high. At
    // a 2 px tolerance it is over the budget and at 4 px it is a straight
    // line, but at about 3 px it fits and keeps the tall spikes.
    const inputs: InputPoint[] = [];
    for (let spike = 0; spike < 1800; spike++) {
      const x = 20 + spike * (780 / 1800);
      const height = spike % 9 === 0 ? 3.8 : 3.3;
      inputs.push({ x, y: 500 }, { x: x + 0.1, y: 500 - height });
    }
    inputs.push({ x: 800, y: 500 });

    const stroke = buildStroke(inputs, FRAME, PEN);

    expect(JSON.stringify(stroke).length).toBeLessThanOrEqual(
      STROKE_JSON_BUDGET,
    );
    const tall = shownPoints(stroke.points, FRAME).filter(
      (point) => point.y < 496.5,
    );
    expect(tall.length).toBeGreaterThanOrEqual(150);
  });

  it('long wavy line keeps its shape', () => {
    // A zigzag across the page with 400 turns, about 2 px per sample:
    // every turn matters, and together they exceed the budget.
    const inputs = Array.from({ length: 6000 }, (_, index) => ({
      x: 20 + (index / 6000) * 780,
      y: 500 + 20 * Math.sin((index / 15) * Math.PI),
    }));

    const stroke = buildStroke(inputs, FRAME, PEN);

    expect(JSON.stringify(stroke).length).toBeLessThanOrEqual(
      STROKE_JSON_BUDGET,
    );
    // Each of the 400 crests still reaches within a few pixels of its
    // height.
    const ys = shownPoints(stroke.points, FRAME).map((point) => point.y);
    expect(Math.max(...ys)).toBeGreaterThan(515);
    expect(Math.min(...ys)).toBeLessThan(485);
    const crests = ys.filter((y) => y > 515).length;
    expect(crests).toBeGreaterThanOrEqual(200);
  });

  it('rounds coordinates to 4 decimals', () => {
    const stroke = buildStroke(spiral(200), FRAME, PEN);

    for (const value of stroke.points) {
      expect(roundUnit(value)).toBe(value);
    }
  });

  it('keeps a change of pressure', () => {
    // A straight line whose pressure rises then falls: only the pressure
    // distinguishes the middle point from the ends.
    const inputs = Array.from({ length: 101 }, (_, index) => ({
      x: 100 + index * 4,
      y: 300,
      pressure: 1 - Math.abs(index - 50) / 50,
    }));

    const stroke = buildStroke(inputs, FRAME, {
      width: 0.01,
      withPressure: true,
    });

    expect(stroke.pressures).toBeDefined();
    expect(stroke.pressures!.length).toBe(stroke.points.length / 2);
    expect(Math.max(...stroke.pressures!)).toBeGreaterThan(0.9);
    expect(stroke.pressures![0]).toBeLessThan(0.1);
  });

  it('omits pressures without a pen', () => {
    const stroke = buildStroke(spiral(50), FRAME, PEN);

    expect(stroke.pressures).toBeUndefined();
    expect(stroke.width).toBe(0.003);
  });

  it('clamps points off the page', () => {
    const stroke = buildStroke(
      [
        { x: -40, y: 100 },
        { x: 900, y: 1300 },
      ],
      FRAME,
      PEN,
    );

    expect(stroke.points).toEqual([0, roundUnit(100 / 1160), 1, 1]);
  });

  it('maps a rotated page to unrotated units', () => {
    // At 90 degrees the shown top right corner is the unrotated top left.
    const rotated: PageFrame = {
      page: 1,
      rotation: 90,
      width: 1160,
      height: 820,
    };

    const stroke = buildStroke([{ x: 1160, y: 0 }], rotated, PEN);

    expect(stroke.points).toEqual([0, 0]);
  });

  it('a click is a one-point stroke', () => {
    const stroke = buildStroke(
      [
        { x: 10, y: 10 },
        { x: 10, y: 10 },
      ],
      FRAME,
      PEN,
    );

    expect(stroke.points).toHaveLength(2);
  });

  it('rejects an empty stroke', () => {
    expect(() => buildStroke([], FRAME, PEN)).toThrow(/at least one point/);
  });
});
