import { describe, expect, it } from 'vitest';

import {
  annotationAt,
  annotationsAlong,
  segmentDistance,
  segmentRectDistance,
} from '../../../../../renderer/core/annotations/hit-test';
import type { PageFrame } from '../../../../../renderer/core/pages/page-frame';
import { drawable, stamp, stroke } from './annotation-fixtures';

// 1000 by 1400 px, so a page unit is easy to read in pixels.
const FRAME: PageFrame = { page: 1, rotation: 0, width: 1000, height: 1400 };
const TURNED: PageFrame = { page: 1, rotation: 90, width: 1400, height: 1000 };

// A horizontal line 4 px wide from (100, 700) to (500, 700) at rotation 0.
const LINE = drawable(stroke('line', [0.1, 0.5, 0.5, 0.5]));
// A tick 40 px square centred on (800, 280) at rotation 0.
const TICK = drawable(stamp('tick', 0.8, 0.2));

describe('annotationAt', () => {
  it('finds a line under the pointer', () => {
    expect(annotationAt([LINE], { x: 300, y: 700 }, FRAME)).toBe('line');
  });

  it('finds a line within tolerance', () => {
    // Half the width (2 px) plus the 6 px tolerance.
    expect(annotationAt([LINE], { x: 300, y: 707.9 }, FRAME)).toBe('line');
    expect(annotationAt([LINE], { x: 300, y: 708.1 }, FRAME)).toBeNull();
  });

  it('misses beyond the line end', () => {
    expect(annotationAt([LINE], { x: 520, y: 700 }, FRAME)).toBeNull();
  });

  it('finds a stamp by its square', () => {
    expect(annotationAt([TICK], { x: 815, y: 265 }, FRAME)).toBe('tick');
    expect(annotationAt([TICK], { x: 830, y: 280 }, FRAME)).toBeNull();
  });

  it('returns the topmost of two', () => {
    const below = drawable(stamp('below', 0.8, 0.2));
    const above = drawable(stamp('above', 0.81, 0.2));

    expect(annotationAt([below, above], { x: 805, y: 280 }, FRAME)).toBe(
      'above',
    );
  });

  it('follows the page rotation', () => {
    // At 90 degrees the unrotated point (0.8, 0.2) is shown at
    // x = (1 - 0.2) * 1400 = 1120, y = 0.8 * 1000 = 800.
    expect(annotationAt([TICK], { x: 1120, y: 800 }, TURNED)).toBe('tick');
    expect(annotationAt([TICK], { x: 800, y: 280 }, TURNED)).toBeNull();
  });

  it('ignores other pages', () => {
    const elsewhere = drawable(stamp('p2', 0.8, 0.2, { page: 2 }));

    expect(annotationAt([elsewhere], { x: 800, y: 280 }, FRAME)).toBeNull();
  });

  it('finds a text note on its first line', () => {
    const note = drawable({
      id: 'note',
      page: 1,
      kind: 'text',
      geometry: { x: 0.1, y: 0.1, size: 0.02, rotation: 0 },
      text: 'Argument incomplet',
    });

    // The note starts at (100, 140) with 20 px letters.
    expect(annotationAt([note], { x: 150, y: 150 }, FRAME)).toBe('note');
    expect(annotationAt([note], { x: 150, y: 120 }, FRAME)).toBeNull();
  });
});

describe('annotationsAlong', () => {
  it('eraser crossing a line between events', () => {
    // Two pointer events 60 px apart, one above and one below the line.
    const hits = annotationsAlong(
      [LINE, TICK],
      { x: 300, y: 670 },
      { x: 300, y: 730 },
      FRAME,
    );

    expect(hits).toEqual(['line']);
  });

  it('eraser passing by touches nothing', () => {
    const hits = annotationsAlong(
      [LINE, TICK],
      { x: 100, y: 600 },
      { x: 600, y: 600 },
      FRAME,
    );

    expect(hits).toEqual([]);
  });

  it('eraser through a stamp', () => {
    const hits = annotationsAlong(
      [LINE, TICK],
      { x: 700, y: 280 },
      { x: 900, y: 280 },
      FRAME,
    );

    expect(hits).toEqual(['tick']);
  });
});

describe('segment distances', () => {
  it('crossing segments are at zero', () => {
    expect(
      segmentDistance(
        { x: 0, y: 0 },
        { x: 10, y: 10 },
        { x: 0, y: 10 },
        { x: 10, y: 0 },
      ),
    ).toBe(0);
  });

  it('parallel segments at their gap', () => {
    expect(
      segmentDistance(
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 0, y: 3 },
        { x: 10, y: 3 },
      ),
    ).toBe(3);
  });

  it('segment through a rectangle is at zero', () => {
    const rect = { x: 10, y: 10, width: 10, height: 10 };

    expect(segmentRectDistance({ x: 0, y: 15 }, { x: 30, y: 15 }, rect)).toBe(
      0,
    );
    expect(segmentRectDistance({ x: 0, y: 25 }, { x: 30, y: 25 }, rect)).toBe(
      5,
    );
  });
});
