/**
 * Checks stored annotations before they are drawn. An annotation from the
 * server or from another client version may be of a kind this client does
 * not know, or have a geometry it cannot read. Such an annotation is kept in
 * the copy's list, so saving never loses it, but it is not drawn.
 */
import type { Annotation } from '../../../shared/api/schemas';
import { normalizeColor } from './annotation-colors';
import {
  ANNOTATION_KINDS,
  MAX_SHAPE_SIZE,
  type AnnotationKind,
  type AnnotationShape,
  type DrawableAnnotation,
  type ShapeRotation,
  type StampGeometry,
  type StrokeGeometry,
  type TextGeometry,
} from './annotation-shapes';

export type ParsedAnnotation =
  | { status: 'drawable'; annotation: DrawableAnnotation }
  | {
      status: 'unknown-kind' | 'malformed';
      source: Annotation;
      reason: string;
    };

/** Thrown inside the parser with the reason an annotation cannot be drawn. */
class MalformedGeometry extends Error {}

/**
 * Checks one stored annotation. Any error while reading it, expected or
 * not, marks it malformed instead of reaching the caller.
 */
export function parseAnnotation(source: Annotation): ParsedAnnotation {
  // The type is what the API promises; a local row written by an older
  // client is checked all the same.
  if (typeof source !== 'object' || source === null) {
    return { status: 'malformed', source, reason: 'not an object' };
  }
  if (!isKnownKind(source.kind)) {
    return {
      status: 'unknown-kind',
      source,
      reason: `unknown kind ${describeValue(source.kind)}`,
    };
  }
  try {
    if (!Number.isInteger(source.page) || source.page < 1) {
      throw new MalformedGeometry(
        `page ${describeValue(source.page)} is invalid`,
      );
    }
    const shape = parseShape(source.kind, source.geometry, source.text);
    return {
      status: 'drawable',
      annotation: { source, shape, color: normalizeColor(source.color) },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    return { status: 'malformed', source, reason };
  }
}

/** Returns the drawable annotations of `annotations`, in list order (bottom first). */
export function drawableAnnotations(
  annotations: readonly Annotation[],
): DrawableAnnotation[] {
  const drawable: DrawableAnnotation[] = [];
  for (const annotation of annotations) {
    const parsed = parseAnnotation(annotation);
    if (parsed.status === 'drawable') {
      drawable.push(parsed.annotation);
    }
  }
  return drawable;
}

function isKnownKind(kind: unknown): kind is AnnotationKind {
  return ANNOTATION_KINDS.includes(kind as AnnotationKind);
}

function parseShape(
  kind: AnnotationKind,
  geometry: unknown,
  text: unknown,
): AnnotationShape {
  const fields = asRecord(geometry);
  switch (kind) {
    case 'pen':
    case 'highlighter':
      return { kind, geometry: parseStroke(fields) };
    case 'tick':
    case 'cross':
      return { kind, geometry: parsePlaced(fields) satisfies StampGeometry };
    case 'text':
      if (typeof text !== 'string' || text.trim() === '') {
        throw new MalformedGeometry('a text note needs a non-empty text');
      }
      return {
        kind,
        geometry: parsePlaced(fields) satisfies TextGeometry,
        text,
      };
  }
}

function parseStroke(fields: Record<string, unknown>): StrokeGeometry {
  const points = fields.points;
  if (!Array.isArray(points) || points.length < 2 || points.length % 2 !== 0) {
    throw new MalformedGeometry('points must be a list of x, y pairs');
  }
  points.forEach((value, index) => checkUnit(value, `points[${index}]`));

  const stroke: StrokeGeometry = {
    points: points as number[],
    width: checkSize(fields.width, 'width'),
  };
  const pressures = fields.pressures;
  if (pressures !== undefined) {
    if (!Array.isArray(pressures) || pressures.length !== points.length / 2) {
      throw new MalformedGeometry('pressures must have one value per point');
    }
    pressures.forEach((value, index) =>
      checkUnit(value, `pressures[${index}]`),
    );
    stroke.pressures = pressures as number[];
  }
  return stroke;
}

function parsePlaced(fields: Record<string, unknown>): StampGeometry {
  const rotation = fields.rotation ?? 0;
  if (
    rotation !== 0 &&
    rotation !== 90 &&
    rotation !== 180 &&
    rotation !== 270
  ) {
    throw new MalformedGeometry('rotation must be 0, 90, 180 or 270');
  }
  return {
    x: checkUnit(fields.x, 'x'),
    y: checkUnit(fields.y, 'y'),
    size: checkSize(fields.size, 'size'),
    rotation: rotation as ShapeRotation,
  };
}

function describeValue(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? JSON.stringify(value)
    : typeof value;
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedGeometry('geometry must be an object');
  }
  return value as Record<string, unknown>;
}

function checkUnit(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new MalformedGeometry(`${name} must be a number from 0 to 1`);
  }
  return value;
}

function checkSize(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value > 0 && value <= MAX_SHAPE_SIZE)) {
    throw new MalformedGeometry(
      `${name} must be a number above 0 and at most ${MAX_SHAPE_SIZE}`,
    );
  }
  return value;
}
