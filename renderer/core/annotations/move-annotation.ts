/**
 * Moving an annotation on its page. The shape moves as a whole and stops at
 * the page's edges, so a move never bends a stroke or leaves the page.
 */
import type { Annotation } from '../../../shared/api/schemas';
import type { AnnotationShape, DrawableAnnotation } from './annotation-shapes';
import { clampUnit, roundUnit, type Point } from './page-transform';

/**
 * Returns the stored form of `annotation` moved by `delta` page-relative
 * units, shortened where the shape would leave the page. Geometry fields
 * this client does not know are kept.
 */
export function moveAnnotation(
  annotation: DrawableAnnotation,
  delta: Point,
): Annotation {
  const moved = moveShape(annotation.shape, delta);
  return {
    ...annotation.source,
    geometry: { ...asObject(annotation.source.geometry), ...moved.geometry },
  };
}

/** Returns `shape` moved by `delta`, shortened to stay on the page. */
export function moveShape(
  shape: AnnotationShape,
  delta: Point,
): AnnotationShape {
  const extent = shapeExtent(shape);
  const dx = clampDelta(delta.x, extent.minX, extent.maxX);
  const dy = clampDelta(delta.y, extent.minY, extent.maxY);

  switch (shape.kind) {
    case 'pen':
    case 'highlighter': {
      const points = shape.geometry.points.map((value, index) =>
        roundUnit(clampUnit(value + (index % 2 === 0 ? dx : dy))),
      );
      return { ...shape, geometry: { ...shape.geometry, points } };
    }
    case 'tick':
    case 'cross':
    case 'text': {
      const x = roundUnit(clampUnit(shape.geometry.x + dx));
      const y = roundUnit(clampUnit(shape.geometry.y + dy));
      return {
        ...shape,
        geometry: { ...shape.geometry, x, y },
      } as AnnotationShape;
    }
  }
}

function shapeExtent(shape: AnnotationShape) {
  switch (shape.kind) {
    case 'pen':
    case 'highlighter': {
      const xs = shape.geometry.points.filter((_, index) => index % 2 === 0);
      const ys = shape.geometry.points.filter((_, index) => index % 2 === 1);
      return {
        minX: Math.min(...xs),
        maxX: Math.max(...xs),
        minY: Math.min(...ys),
        maxY: Math.max(...ys),
      };
    }
    default: {
      const { x, y } = shape.geometry;
      return { minX: x, maxX: x, minY: y, maxY: y };
    }
  }
}

function clampDelta(delta: number, min: number, max: number): number {
  return Math.min(1 - max, Math.max(-min, delta));
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
