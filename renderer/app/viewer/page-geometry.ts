/**
 * The size and orientation of a scan's pages, read once when the scan
 * opens, so the viewer can lay out every page before any is rendered.
 */
import { toRotation, type Rotation } from '../../core/pages/page-frame';
import type { Size } from './zoom';

/** One page as its content stream draws it, before any rotation. */
export interface PageGeometry {
  /** Width of the unrotated page, PDF points. */
  width: number;
  /** Height of the unrotated page, PDF points. */
  height: number;
  /** The page's `/Rotate` entry, clockwise. */
  rotate: Rotation;
}

/**
 * Returns the rotation a page is shown at: its `/Rotate` plus the
 * examiner's own rotation of it, modulo 360.
 */
export function shownRotation(
  geometry: PageGeometry,
  userRotation: Rotation = 0,
): Rotation {
  return toRotation(geometry.rotate + userRotation);
}

/** Returns the size in points of the page turned by `rotation`. */
export function rotatedSize(geometry: PageGeometry, rotation: Rotation): Size {
  const quarterTurn = rotation === 90 || rotation === 270;
  return quarterTurn
    ? { width: geometry.height, height: geometry.width }
    : { width: geometry.width, height: geometry.height };
}

/** Returns the next rotation clockwise (`step` 90) or counter-clockwise (-90). */
export function rotateBy(rotation: Rotation, step: 90 | -90): Rotation {
  return toRotation(rotation + step);
}
