/**
 * How one page of a scan is shown on screen, shared by the viewer that
 * draws it and the overlays drawn on top of it.
 *
 * Annotations are stored in page-relative units of the unrotated page: 0 to
 * 1 on each axis of the page as its content stream draws it. That is before
 * the PDF's `/Rotate` and any rotation the examiner adds, with the origin
 * at the top left and y growing downwards. A `PageFrame` says how that page
 * is shown, which is all an overlay needs to convert between the two.
 */

/** A clockwise rotation in degrees. */
export type Rotation = 0 | 90 | 180 | 270;

export const ROTATIONS: readonly Rotation[] = [0, 90, 180, 270];

/** One page as shown. */
export interface PageFrame {
  /** Page number, from 1. */
  page: number;
  /**
   * Clockwise rotation of the shown page from the unrotated page: the PDF's
   * `/Rotate` plus the examiner's rotation of that page, modulo 360.
   */
  rotation: Rotation;
  /** Width of the shown (rotated) page, in CSS pixels. */
  width: number;
  /** Height of the shown (rotated) page, in CSS pixels. */
  height: number;
}

/** Returns `degrees` as a rotation in [0, 360), or throws when it is not a multiple of 90. */
export function toRotation(degrees: number): Rotation {
  const normalized = (((degrees % 360) + 360) % 360) as Rotation;
  if (!ROTATIONS.includes(normalized)) {
    throw new RangeError(`Rotation ${degrees} is not a multiple of 90 degrees`);
  }
  return normalized;
}
