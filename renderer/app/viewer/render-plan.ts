/**
 * The order in which the viewer renders pages: the pages on screen first,
 * then the neighbours that a page turn would show next, so that the turn
 * only draws a bitmap that is already there.
 */

/** The direction of the last page turn: 1 forwards, -1 backwards. */
export type Direction = 1 | -1;

export interface NeighbourOptions {
  /** Pages on screen, from 1, the current page first. */
  shown: readonly number[];
  pageCount: number;
  direction: Direction;
  /** Count of pages rendered ahead, in the direction of travel. */
  ahead: number;
  /** Count of pages rendered behind, against the direction of travel. */
  behind: number;
}

/**
 * Lists the pages to render in order: the shown pages as given, then the
 * `ahead` pages past the shown ones in the direction of travel, nearest
 * first, then the `behind` pages on the other side, nearest first. Pages
 * outside 1 to `pageCount` are left out, and no page comes twice.
 */
export function neighbourOrder(options: NeighbourOptions): number[] {
  const inRange = (page: number) => page >= 1 && page <= options.pageCount;
  const order: number[] = [];
  const add = (page: number) => {
    if (inRange(page) && !order.includes(page)) {
      order.push(page);
    }
  };

  options.shown.forEach(add);
  const shown = options.shown.filter(inRange);
  if (shown.length === 0) {
    return order;
  }

  const first = Math.min(...shown);
  const last = Math.max(...shown);
  const forwardEdge = options.direction === 1 ? last : first;
  const backwardEdge = options.direction === 1 ? first : last;
  for (let step = 1; step <= options.ahead; step++) {
    add(forwardEdge + step * options.direction);
  }
  for (let step = 1; step <= options.behind; step++) {
    add(backwardEdge - step * options.direction);
  }
  return order;
}

/**
 * Lists the pages from 1 to `pageCount` that `planned` leaves out, nearest
 * to `current` first and, at equal distance, the one after it first.
 */
export function remainingByDistance(
  current: number,
  pageCount: number,
  planned: readonly number[],
): number[] {
  const remaining: number[] = [];
  for (let distance = 1; distance < pageCount; distance++) {
    for (const page of [current + distance, current - distance]) {
      if (page >= 1 && page <= pageCount && !planned.includes(page)) {
        remaining.push(page);
      }
    }
  }
  return remaining;
}

/**
 * Returns the longest start of `pages` whose bitmaps fit together in a
 * cache of `maxEntries` entries and `maxBytes` bytes, so that rendering a
 * neighbour never evicts a page rendered just before it. The first page
 * is always kept: it is on screen.
 */
export function fitToCache(
  pages: readonly number[],
  bytesOf: (page: number) => number,
  limits: { maxEntries: number; maxBytes: number },
): number[] {
  const kept: number[] = [];
  let bytes = 0;
  for (const page of pages) {
    const next = bytes + bytesOf(page);
    const fits = kept.length < limits.maxEntries && next <= limits.maxBytes;
    if (!fits && kept.length > 0) {
      break;
    }
    kept.push(page);
    bytes = next;
  }
  return kept;
}
