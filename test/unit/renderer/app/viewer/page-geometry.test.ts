import { describe, expect, it } from 'vitest';

import {
  rotateBy,
  rotatedSize,
  shownRotation,
} from '../../../../../renderer/app/viewer/page-geometry';

const PORTRAIT_ROTATED = { width: 612, height: 792, rotate: 90 } as const;

describe('page geometry', () => {
  it('shown rotation adds the examiner rotation', () => {
    expect(shownRotation(PORTRAIT_ROTATED)).toBe(90);
    expect(shownRotation(PORTRAIT_ROTATED, 90)).toBe(180);
    expect(shownRotation(PORTRAIT_ROTATED, 270)).toBe(0);
  });

  it('a quarter turn swaps width and height', () => {
    expect(rotatedSize(PORTRAIT_ROTATED, 90)).toEqual({
      width: 792,
      height: 612,
    });
    expect(rotatedSize(PORTRAIT_ROTATED, 180)).toEqual({
      width: 612,
      height: 792,
    });
  });

  it('rotateBy wraps around', () => {
    expect(rotateBy(270, 90)).toBe(0);
    expect(rotateBy(0, -90)).toBe(270);
  });
});
