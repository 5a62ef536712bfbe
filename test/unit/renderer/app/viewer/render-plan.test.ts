import { describe, expect, it } from 'vitest';

import {
  fitToCache,
  neighbourOrder,
  remainingByDistance,
} from '../../../../../renderer/app/viewer/render-plan';

describe('neighbourOrder', () => {
  it('forwards renders the next pages first', () => {
    expect(
      neighbourOrder({
        shown: [3],
        pageCount: 10,
        direction: 1,
        ahead: 2,
        behind: 1,
      }),
    ).toEqual([3, 4, 5, 2]);
  });

  it('backwards renders the previous pages first', () => {
    expect(
      neighbourOrder({
        shown: [6],
        pageCount: 10,
        direction: -1,
        ahead: 2,
        behind: 1,
      }),
    ).toEqual([6, 5, 4, 7]);
  });

  it('stops at the first and last page', () => {
    expect(
      neighbourOrder({
        shown: [1],
        pageCount: 4,
        direction: -1,
        ahead: 2,
        behind: 1,
      }),
    ).toEqual([1, 2]);
    expect(
      neighbourOrder({
        shown: [4],
        pageCount: 4,
        direction: 1,
        ahead: 2,
        behind: 1,
      }),
    ).toEqual([4, 3]);
  });

  it('a single page renders alone', () => {
    expect(
      neighbourOrder({
        shown: [1],
        pageCount: 1,
        direction: 1,
        ahead: 2,
        behind: 1,
      }),
    ).toEqual([1]);
  });

  it('several shown pages come first, in order', () => {
    expect(
      neighbourOrder({
        shown: [5, 4, 6],
        pageCount: 10,
        direction: 1,
        ahead: 2,
        behind: 1,
      }),
    ).toEqual([5, 4, 6, 7, 8, 3]);
  });

  it('skips shown pages out of range', () => {
    expect(
      neighbourOrder({
        shown: [0, 9],
        pageCount: 3,
        direction: 1,
        ahead: 1,
        behind: 1,
      }),
    ).toEqual([]);
  });
});

describe('remainingByDistance', () => {
  it('lists the other pages by distance', () => {
    expect(remainingByDistance(4, 8, [4, 5, 6, 3])).toEqual([2, 7, 1, 8]);
  });

  it('at equal distance the later page comes first', () => {
    expect(remainingByDistance(3, 5, [3])).toEqual([4, 2, 5, 1]);
  });

  it('leaves nothing when every page is planned', () => {
    expect(remainingByDistance(1, 2, [1, 2])).toEqual([]);
  });
});

describe('fitToCache', () => {
  const limits = { maxEntries: 3, maxBytes: 100 };

  it('keeps what fits in bytes', () => {
    expect(fitToCache([1, 2, 3, 4], () => 40, limits)).toEqual([1, 2]);
  });

  it('keeps what fits in count', () => {
    expect(fitToCache([1, 2, 3, 4, 5], () => 1, limits)).toEqual([1, 2, 3]);
  });

  it('always keeps the shown page', () => {
    expect(fitToCache([7, 8], () => 500, limits)).toEqual([7]);
  });

  it('stops at the first that does not fit', () => {
    const sizes = new Map([
      [1, 50],
      [2, 60],
      [3, 10],
    ]);

    expect(fitToCache([1, 2, 3], (page) => sizes.get(page)!, limits)).toEqual([
      1,
    ]);
  });
});
