import { describe, expect, it } from 'vitest';

import {
  boxContains,
  inverseRotation,
  pageBoxProblem,
  PAGE_ROTATIONS,
  rotateBox,
  unrotateBox,
} from '../../../../shared/ocr/page-rotation';

const TOP_BAND = { left: 0, top: 0, right: 1, bottom: 0.2 };

describe('rotateBox', () => {
  it('keeps a box at 0°', () => {
    expect(rotateBox(TOP_BAND, 0)).toEqual(TOP_BAND);
  });

  it('moves the top band to the right at 90°', () => {
    expect(rotateBox(TOP_BAND, 90)).toEqual({
      left: 0.8,
      top: 0,
      right: 1,
      bottom: 1,
    });
  });

  it('moves the top band to the bottom at 180°', () => {
    const box = rotateBox(TOP_BAND, 180);

    expect(box.left).toBe(0);
    expect(box.right).toBe(1);
    expect(box.top).toBeCloseTo(0.8);
    expect(box.bottom).toBe(1);
  });

  it('moves the top band to the left at 270°', () => {
    expect(rotateBox(TOP_BAND, 270)).toEqual({
      left: 0,
      top: 0,
      right: 0.2,
      bottom: 1,
    });
  });

  it('is undone by unrotateBox', () => {
    const box = { left: 0.1, top: 0.2, right: 0.4, bottom: 0.9 };
    for (const rotation of PAGE_ROTATIONS) {
      const back = unrotateBox(rotateBox(box, rotation), rotation);
      expect(back.left).toBeCloseTo(box.left);
      expect(back.top).toBeCloseTo(box.top);
      expect(back.right).toBeCloseTo(box.right);
      expect(back.bottom).toBeCloseTo(box.bottom);
    }
  });
});

describe('inverseRotation', () => {
  it('undoes each quarter turn', () => {
    expect(inverseRotation(0)).toBe(0);
    expect(inverseRotation(90)).toBe(270);
    expect(inverseRotation(180)).toBe(180);
    expect(inverseRotation(270)).toBe(90);
  });
});

describe('pageBoxProblem', () => {
  it('accepts a box within the page', () => {
    expect(pageBoxProblem(TOP_BAND)).toBeUndefined();
  });

  it.each([
    [{ left: 0, top: 0, right: 1.5, bottom: 1 }, /from 0 to 1/],
    [{ left: -0.1, top: 0, right: 1, bottom: 1 }, /from 0 to 1/],
    [{ left: 0.5, top: 0, right: 0.5, bottom: 1 }, /left must be less/],
    [{ left: 0, top: 0.6, right: 1, bottom: 0.2 }, /top less than bottom/],
    [{ left: Number.NaN, top: 0, right: 1, bottom: 1 }, /finite/],
  ])('rejects %j', (box, message) => {
    expect(pageBoxProblem(box)).toMatch(message);
  });
});

describe('boxContains', () => {
  it('contains a box within', () => {
    expect(
      boxContains(TOP_BAND, { left: 0.2, top: 0, right: 0.5, bottom: 0.1 }),
    ).toBe(true);
  });

  it('does not contain a box past an edge', () => {
    expect(
      boxContains(TOP_BAND, { left: 0, top: 0, right: 1, bottom: 0.3 }),
    ).toBe(false);
  });
});
