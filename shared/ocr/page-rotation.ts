/**
 * Quarter turns between the unrotated page and a rendered view of it, and
 * the conversion of page boxes between the two. Angles are clockwise, as in
 * pdf.js viewports: a view at 90° shows the page's top edge on the right.
 */
import type { PageBox } from './ocr-types';

export const PAGE_ROTATIONS = [0, 90, 180, 270] as const;

/** A clockwise turn in degrees. */
export type PageRotation = (typeof PAGE_ROTATIONS)[number];

export function isPageRotation(value: unknown): value is PageRotation {
  return PAGE_ROTATIONS.includes(value as PageRotation);
}

/** Returns the turn that undoes `rotation`. */
export function inverseRotation(rotation: PageRotation): PageRotation {
  return ((360 - rotation) % 360) as PageRotation;
}

/**
 * Converts a box on the unrotated page to the same box in a view of the page
 * turned clockwise by `rotation`, both in page-relative units.
 */
export function rotateBox(box: PageBox, rotation: PageRotation): PageBox {
  switch (rotation) {
    case 0:
      return { ...box };
    case 90:
      // A point (x, y) of the page lands at (1 - y, x) in the view.
      return {
        left: 1 - box.bottom,
        top: box.left,
        right: 1 - box.top,
        bottom: box.right,
      };
    case 180:
      return {
        left: 1 - box.right,
        top: 1 - box.bottom,
        right: 1 - box.left,
        bottom: 1 - box.top,
      };
    case 270:
      // A point (x, y) of the page lands at (y, 1 - x) in the view.
      return {
        left: box.top,
        top: 1 - box.right,
        right: box.bottom,
        bottom: 1 - box.left,
      };
  }
}

/** Converts a box in a view turned by `rotation` back to the unrotated page. */
export function unrotateBox(box: PageBox, rotation: PageRotation): PageBox {
  return rotateBox(box, inverseRotation(rotation));
}

/**
 * Checks that a box lies within the page and has an area. Returns a reason
 * when it does not, or undefined when the box is valid.
 */
export function pageBoxProblem(box: PageBox): string | undefined {
  const edges = [box.left, box.top, box.right, box.bottom];
  if (!edges.every((edge) => Number.isFinite(edge))) {
    return 'every edge must be a finite number';
  }
  if (!edges.every((edge) => edge >= 0 && edge <= 1)) {
    return 'every edge must be from 0 to 1, in page-relative units';
  }
  if (box.left >= box.right || box.top >= box.bottom) {
    return 'left must be less than right, and top less than bottom';
  }
  return undefined;
}

/** Tells whether `inner` lies within `outer`, with a tolerance for rounding. */
export function boxContains(outer: PageBox, inner: PageBox): boolean {
  const epsilon = 1e-9;
  return (
    inner.left >= outer.left - epsilon &&
    inner.top >= outer.top - epsilon &&
    inner.right <= outer.right + epsilon &&
    inner.bottom <= outer.bottom + epsilon
  );
}
