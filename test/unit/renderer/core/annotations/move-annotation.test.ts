import { describe, expect, it } from 'vitest';

import { moveAnnotation } from '../../../../../renderer/core/annotations/move-annotation';
import { drawable, stamp, stroke } from './annotation-fixtures';

describe('moveAnnotation', () => {
  it('moves every point of a stroke', () => {
    const moved = moveAnnotation(drawable(stroke('s', [0.1, 0.2, 0.3, 0.4])), {
      x: 0.05,
      y: -0.1,
    });

    expect(moved.geometry).toEqual({
      points: [0.15, 0.1, 0.35, 0.3],
      width: 0.004,
    });
    expect(moved.id).toBe('s');
    expect(moved.color).toBe('#1565c0');
  });

  it('stops at the edge without bending', () => {
    const moved = moveAnnotation(drawable(stroke('s', [0.7, 0.5, 0.9, 0.6])), {
      x: 0.5,
      y: 0,
    });

    // The whole stroke moves 0.1, as far as its right end can go.
    expect(moved.geometry).toMatchObject({ points: [0.8, 0.5, 1, 0.6] });
  });

  it('moves a stamp and keeps the rest', () => {
    const source = stamp('t', 0.5, 0.5, {
      geometry: { x: 0.5, y: 0.5, size: 0.04, rotation: 90, label: 'kept' },
    });

    const moved = moveAnnotation(drawable(source), { x: -0.6, y: 0.12345678 });

    expect(moved.geometry).toEqual({
      x: 0,
      y: 0.6235,
      size: 0.04,
      rotation: 90,
      label: 'kept',
    });
    expect(source.geometry).toMatchObject({ x: 0.5, y: 0.5 });
  });
});
