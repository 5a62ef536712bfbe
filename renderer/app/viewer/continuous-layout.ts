/**
 * The layout of continuous mode, in which the pages of a copy are stacked
 * one under the other in one scrolling column: the position of each page,
 * and the pages that a scroll position shows.
 */

export interface StackLayout {
  /** Top of each page from the top of the column, CSS pixels; index 0 is page 1. */
  tops: number[];
  /** Height of each page, CSS pixels. */
  heights: number[];
  /** Height of the whole column, padding included. */
  totalHeight: number;
}

/** Stacks pages of `heights` with `gap` pixels between them and `padding` above and below. */
export function stackPages(
  heights: readonly number[],
  gap: number,
  padding: number,
): StackLayout {
  const tops: number[] = [];
  let top = padding;
  for (const height of heights) {
    tops.push(top);
    top += height + gap;
  }
  const totalHeight = heights.length === 0 ? 2 * padding : top - gap + padding;
  return { tops, heights: [...heights], totalHeight };
}

export interface ScrollView {
  /** Pages that the viewport shows at least in part, from 1, in order. */
  visible: number[];
  /**
   * The page that fills most of the viewport, the first of equals; when
   * none shows, the nearest.
   */
  current: number;
}

/**
 * Returns the pages that a viewport of `viewportHeight` pixels scrolled to
 * `scrollTop` shows, and the one it shows most of.
 */
export function viewAt(
  layout: StackLayout,
  scrollTop: number,
  viewportHeight: number,
): ScrollView {
  const bottom = scrollTop + viewportHeight;
  const visible: number[] = [];
  let current = 1;
  let currentShown = -Infinity;

  layout.tops.forEach((top, index) => {
    const height = layout.heights[index] ?? 0;
    const shown = Math.min(bottom, top + height) - Math.max(scrollTop, top);
    if (shown > 0) {
      visible.push(index + 1);
    }
    if (shown > currentShown) {
      current = index + 1;
      currentShown = shown;
    }
  });
  return { visible, current };
}
