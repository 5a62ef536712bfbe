/**
 * Hit testing of annotations by a point (the select tool) or by a segment
 * (the eraser). The eraser tests the segment the pointer moved along since
 * its last event, so a fast gesture cannot jump over a thin line. Distances
 * are CSS pixels of the shown page.
 */
import type { PageFrame } from '../pages/page-frame';
import type { DrawableAnnotation } from './annotation-shapes';
import type { Point } from './page-transform';
import {
  layoutBounds,
  layoutShape,
  type Rect,
  type ShapeLayout,
} from './shape-layout';
import { distanceToSegment } from './stroke-simplify';

/** How far from an annotation a pointer still touches it, in CSS pixels. */
export const HIT_TOLERANCE_PX = 6;

/** Whether the segment from `a` to `b` comes within `tolerance` of the layout. */
export function layoutTouchesSegment(
  layout: ShapeLayout,
  a: Point,
  b: Point,
  tolerance: number,
): boolean {
  if (layout.kind === 'pen' || layout.kind === 'highlighter') {
    const { points } = layout;
    if (points.length === 1) {
      const only = points[0]!;
      return segmentDistance(only, only, a, b) <= tolerance + only.radius;
    }
    for (let index = 1; index < points.length; index++) {
      const start = points[index - 1]!;
      const end = points[index]!;
      const reach = tolerance + Math.max(start.radius, end.radius);
      if (segmentDistance(start, end, a, b) <= reach) {
        return true;
      }
    }
    return false;
  }
  return segmentRectDistance(a, b, layoutBounds(layout)) <= tolerance;
}

/** Returns the id of the topmost drawable annotation at `point`, or null. */
export function annotationAt(
  annotations: readonly DrawableAnnotation[],
  point: Point,
  frame: PageFrame,
  tolerance = HIT_TOLERANCE_PX,
): string | null {
  // The list is drawn in order, so the last one hit is the one on top.
  for (let index = annotations.length - 1; index >= 0; index--) {
    const annotation = annotations[index]!;
    if (annotation.source.page !== frame.page) {
      continue;
    }
    const layout = layoutShape(annotation, frame);
    if (layoutTouchesSegment(layout, point, point, tolerance)) {
      return annotation.source.id;
    }
  }
  return null;
}

/** Returns the ids of the drawable annotations that the segment [a, b] touches. */
export function annotationsAlong(
  annotations: readonly DrawableAnnotation[],
  a: Point,
  b: Point,
  frame: PageFrame,
  tolerance = HIT_TOLERANCE_PX,
): string[] {
  return annotations
    .filter(
      (annotation) =>
        annotation.source.page === frame.page &&
        layoutTouchesSegment(layoutShape(annotation, frame), a, b, tolerance),
    )
    .map((annotation) => annotation.source.id);
}

/** Shortest distance between the segments [a1, a2] and [b1, b2]. */
export function segmentDistance(
  a1: Point,
  a2: Point,
  b1: Point,
  b2: Point,
): number {
  if (segmentsCross(a1, a2, b1, b2)) {
    return 0;
  }
  const pointDistance = (point: Point, start: Point, end: Point) =>
    distanceToSegment([point.x, point.y], [start.x, start.y], [end.x, end.y]);
  return Math.min(
    pointDistance(a1, b1, b2),
    pointDistance(a2, b1, b2),
    pointDistance(b1, a1, a2),
    pointDistance(b2, a1, a2),
  );
}

/** Shortest distance between the segment [a, b] and a rectangle; 0 inside it. */
export function segmentRectDistance(a: Point, b: Point, rect: Rect): number {
  const inside = (point: Point) =>
    point.x >= rect.x &&
    point.x <= rect.x + rect.width &&
    point.y >= rect.y &&
    point.y <= rect.y + rect.height;
  if (inside(a) || inside(b)) {
    return 0;
  }
  const corners = [
    { x: rect.x, y: rect.y },
    { x: rect.x + rect.width, y: rect.y },
    { x: rect.x + rect.width, y: rect.y + rect.height },
    { x: rect.x, y: rect.y + rect.height },
  ];
  return Math.min(
    ...corners.map((corner, index) =>
      segmentDistance(a, b, corner, corners[(index + 1) % 4]!),
    ),
  );
}

function segmentsCross(a1: Point, a2: Point, b1: Point, b2: Point): boolean {
  const d1 = cross(b1, b2, a1);
  const d2 = cross(b1, b2, a2);
  const d3 = cross(a1, a2, b1);
  const d4 = cross(a1, a2, b2);
  // Touching and collinear cases have a zero distance through the
  // endpoint distances, so only proper crossings are checked here.
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function cross(origin: Point, a: Point, b: Point): number {
  return (
    (a.x - origin.x) * (b.y - origin.y) - (a.y - origin.y) * (b.x - origin.x)
  );
}
