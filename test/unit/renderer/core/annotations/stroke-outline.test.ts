import { describe, expect, it } from 'vitest';

import {
  outlinePath,
  polylinePath,
} from '../../../../../renderer/core/annotations/stroke-outline';

/** Returns the (x, y) pairs after the M and L commands of a path. */
function vertices(path: string): { x: number; y: number }[] {
  return [...path.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((match) => ({
    x: Number(match[1]),
    y: Number(match[2]),
  }));
}

describe('outlinePath', () => {
  it('straight line sides at its half-width', () => {
    const path = outlinePath([
      { x: 0, y: 0, radius: 2 },
      { x: 50, y: 0, radius: 4 },
      { x: 100, y: 0, radius: 2 },
    ]);

    // One side forward, a round end to the other side at x = 100, that
    // side back, and a round end to the start.
    expect(vertices(path).map((point) => point.y)).toEqual([2, 4, 2, -4, -2]);
    expect(path).toContain('A2 2 0 0 0 100 -2');
    expect(path).toMatch(/A2 2 0 0 0 0 2Z$/);
  });

  it('one point is a dot', () => {
    const path = outlinePath([{ x: 10, y: 10, radius: 3 }]);

    expect(path).toBe('M7 10A3 3 0 1 0 13 10A3 3 0 1 0 7 10Z');
  });

  it('splits at a sharp turn', () => {
    // A "V" drawn down and back up.
    const path = outlinePath([
      { x: 0, y: 0, radius: 2 },
      { x: 10, y: 100, radius: 2 },
      { x: 20, y: 0, radius: 2 },
    ]);

    expect(path.match(/M/g)).toHaveLength(2);
  });

  it('a gentle curve stays one piece', () => {
    const points = Array.from({ length: 20 }, (_, index) => ({
      x: index * 10,
      y: Math.sin(index / 5) * 20,
      radius: 2,
    }));

    expect(outlinePath(points).match(/M/g)).toHaveLength(1);
  });

  it('nothing draws nothing', () => {
    expect(outlinePath([])).toBe('');
  });
});

describe('polylinePath', () => {
  it('one point draws a dot', () => {
    expect(polylinePath([{ x: 3, y: 4 }])).toBe('M3 4L3 4');
  });

  it('joins points in order', () => {
    expect(
      polylinePath([
        { x: 0, y: 0 },
        { x: 1.234, y: 5 },
      ]),
    ).toBe('M0 0L1.23 5');
  });
});
