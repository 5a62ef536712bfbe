import { describe, expect, it } from 'vitest';

import {
  stackPages,
  viewAt,
} from '../../../../../renderer/app/viewer/continuous-layout';

describe('stackPages', () => {
  it('stacks pages with gaps and padding', () => {
    const layout = stackPages([100, 200, 100], 10, 5);

    expect(layout.tops).toEqual([5, 115, 325]);
    expect(layout.totalHeight).toBe(430);
  });

  it('an empty stack is its padding', () => {
    expect(stackPages([], 10, 5).totalHeight).toBe(10);
  });
});

describe('viewAt', () => {
  const layout = stackPages([1000, 1000, 1000], 20, 0);

  it('at the top shows the first page', () => {
    expect(viewAt(layout, 0, 600)).toEqual({ visible: [1], current: 1 });
  });

  it('between two pages the larger part wins', () => {
    // 1000 - 700 = 300 px of page 1, 1300 - 1020 = 280 px of page 2.
    expect(viewAt(layout, 700, 600)).toEqual({ visible: [1, 2], current: 1 });
    // 200 px of page 1, 380 px of page 2.
    expect(viewAt(layout, 800, 600)).toEqual({ visible: [1, 2], current: 2 });
  });

  it('a tall viewport shows every page', () => {
    expect(viewAt(layout, 0, 5000).visible).toEqual([1, 2, 3]);
  });

  it('the end shows the last page', () => {
    expect(viewAt(layout, 2440, 600)).toEqual({ visible: [3], current: 3 });
  });

  it('a gap alone counts the nearest page', () => {
    expect(viewAt(layout, 1002, 10)).toEqual({ visible: [], current: 1 });
    expect(viewAt(layout, 1009, 10)).toEqual({ visible: [], current: 2 });
  });
});
