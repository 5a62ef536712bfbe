/**
 * New annotations from what the examiner does on the shown page: a click
 * for a stamp or a text note, a pointer path for a stroke.
 */
import type { Annotation } from '../../../shared/api/schemas';
import type { PageFrame } from '../pages/page-frame';
import {
  DEFAULT_SIZES,
  toStoredAnnotation,
  type ShapeRotation,
  type StampKind,
  type StrokeKind,
} from './annotation-shapes';
import {
  clampUnit,
  roundUnit,
  shownToPage,
  type Point,
} from './page-transform';
import { buildStroke, type InputPoint } from './stroke-simplify';

/** Fields of a new annotation that the caller chooses. */
export interface NewAnnotationFields {
  id: string;
  color: string;
}

/**
 * Returns the turn that makes a stamp or a note read upright on `frame`:
 * the inverse of the page's rotation.
 */
export function uprightRotation(frame: PageFrame): ShapeRotation {
  return ((360 - frame.rotation) % 360) as ShapeRotation;
}

/** Creates a tick or cross centred on `at`, in CSS pixels of the shown page. */
export function createStamp(
  kind: StampKind,
  at: Point,
  frame: PageFrame,
  fields: NewAnnotationFields,
): Annotation {
  const center = pagePoint(at, frame);
  return toStoredAnnotation(
    {
      kind,
      geometry: {
        ...center,
        size: DEFAULT_SIZES.stampSize,
        rotation: uprightRotation(frame),
      },
    },
    { ...fields, page: frame.page },
  );
}

/** Creates a text note whose first line starts at `at`, in CSS pixels. */
export function createTextNote(
  text: string,
  at: Point,
  frame: PageFrame,
  fields: NewAnnotationFields,
): Annotation {
  const corner = pagePoint(at, frame);
  return toStoredAnnotation(
    {
      kind: 'text',
      text,
      geometry: {
        ...corner,
        size: DEFAULT_SIZES.textSize,
        rotation: uprightRotation(frame),
      },
    },
    { ...fields, page: frame.page },
  );
}

/**
 * Creates a pen or highlighter stroke from pointer positions on the shown
 * page. Pressure is kept for a pen stroke drawn with a pen that reports it.
 */
export function createStroke(
  kind: StrokeKind,
  inputs: readonly InputPoint[],
  frame: PageFrame,
  fields: NewAnnotationFields & { withPressure: boolean },
): Annotation {
  const geometry = buildStroke(inputs, frame, {
    width:
      kind === 'pen' ? DEFAULT_SIZES.penWidth : DEFAULT_SIZES.highlighterWidth,
    withPressure: kind === 'pen' && fields.withPressure,
  });
  return toStoredAnnotation(
    { kind, geometry },
    { id: fields.id, color: fields.color, page: frame.page },
  );
}

function pagePoint(at: Point, frame: PageFrame): Point {
  const page = shownToPage(at, frame);
  return { x: roundUnit(clampUnit(page.x)), y: roundUnit(clampUnit(page.y)) };
}
