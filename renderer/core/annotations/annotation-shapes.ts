/**
 * The kinds of annotation an examiner draws on a page and the geometry each
 * stores in the API's `Annotation.geometry`.
 *
 * Positions are page-relative units of the unrotated page (0 to 1 on each
 * axis, origin top left, y downwards; see `PageFrame`). Lengths that must be
 * the same along both axes (line widths, stamp and text sizes) are in
 * page-width units: fractions of the unrotated page's width.
 */
import type { Annotation } from '../../../shared/api/schemas';

export const ANNOTATION_KINDS = [
  'pen',
  'highlighter',
  'text',
  'tick',
  'cross',
] as const;

export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export type StampKind = 'tick' | 'cross';

export type StrokeKind = 'pen' | 'highlighter';

/**
 * A clockwise turn, in degrees, of a stamp or a text note on the unrotated
 * page. A note written on a page shown at rotation R is stored with
 * (360 - R) % 360, so it reads upright at R.
 */
export type ShapeRotation = 0 | 90 | 180 | 270;

/** A freehand line, as JSON that stays small. */
export interface StrokeGeometry {
  /** Points as a flat list `[x0, y0, x1, y1, …]`, at least one point. */
  points: number[];
  /**
   * Pen pressure from 0 to 1 at each point, when a tablet reported it. The
   * line is `width * pressureWidthFactor(pressure)` wide there.
   */
  pressures?: number[];
  /** Width at full pressure, in page-width units. */
  width: number;
}

/** A tick or cross stamp, a square centred on (x, y). */
export interface StampGeometry {
  x: number;
  y: number;
  /** Side of the square, in page-width units. */
  size: number;
  rotation: ShapeRotation;
}

/** A text note whose first line starts at (x, y), its top left corner. */
export interface TextGeometry {
  x: number;
  y: number;
  /** Font size, in page-width units. */
  size: number;
  rotation: ShapeRotation;
}

/** A parsed annotation's kind and geometry, checked and ready to draw. */
export type AnnotationShape =
  | { kind: StrokeKind; geometry: StrokeGeometry }
  | { kind: StampKind; geometry: StampGeometry }
  | { kind: 'text'; geometry: TextGeometry; text: string };

/** A stored annotation whose kind and geometry are known and valid. */
export interface DrawableAnnotation {
  /** The annotation as stored, kept to write it back unchanged. */
  source: Annotation;
  shape: AnnotationShape;
  /** `#rrggbb`: the stored colour, or the default when it is missing or invalid. */
  color: string;
}

/** Default sizes of new annotations, in page-width units. */
export const DEFAULT_SIZES = {
  penWidth: 0.004,
  highlighterWidth: 0.02,
  stampSize: 0.04,
  textSize: 0.022,
} as const;

/** The upper bound of widths and sizes that the parser accepts. */
export const MAX_SHAPE_SIZE = 0.25;

/** Builds the stored form of a shape. */
export function toStoredAnnotation(
  shape: AnnotationShape,
  fields: { id: string; page: number; color: string },
): Annotation {
  const stored: Annotation = {
    id: fields.id,
    page: fields.page,
    kind: shape.kind,
    geometry: shape.geometry,
    color: fields.color,
  };
  if (shape.kind === 'text') {
    stored.text = shape.text;
  }
  return stored;
}
