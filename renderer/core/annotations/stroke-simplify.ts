/**
 * Turns the pointer positions of a freehand line into a small stored
 * stroke: fewer points (Ramer-Douglas-Peucker), coordinates rounded, and a
 * JSON size kept well under the API's limit on one annotation's geometry.
 */
import { GRADE_LIMITS } from '../../../shared/api/schemas';
import type { PageFrame } from '../pages/page-frame';
import type { StrokeGeometry } from './annotation-shapes';
import {
  clampUnit,
  pixelsPerPageWidth,
  roundUnit,
  shownToPage,
} from './page-transform';

/** A pointer position in CSS pixels of the shown page. */
export interface InputPoint {
  x: number;
  y: number;
  /** `PointerEvent.pressure`, 0 to 1, for a pen that reports it. */
  pressure?: number;
}

export interface StrokeOptions {
  /** Width at full pressure, in page-width units. */
  width: number;
  /** Whether to store each point's pressure. */
  withPressure: boolean;
  /** Largest distance in CSS pixels between the drawn and the kept line. */
  tolerancePx?: number;
  /** Largest JSON length of the geometry. */
  maxJsonLength?: number;
}

/** Half a pixel, too small to notice at the zoom the line was drawn at. */
export const DEFAULT_TOLERANCE_PX = 0.5;

/**
 * The JSON length a stroke is kept under: 60% of the API's limit, leaving
 * room for the rest of the annotation.
 */
export const STROKE_JSON_BUDGET = Math.floor(GRADE_LIMITS.geometryLength * 0.6);

/** Halvings of the tolerance interval when a stroke is over its budget. */
const TOLERANCE_SEARCH_STEPS = 6;

type Vertex = [x: number, y: number, z: number];

/**
 * Builds the stored stroke of a line drawn on the shown page `frame`.
 * Throws a `RangeError` when `inputs` is empty.
 */
export function buildStroke(
  inputs: readonly InputPoint[],
  frame: PageFrame,
  options: StrokeOptions,
): StrokeGeometry {
  if (inputs.length === 0) {
    throw new RangeError('A stroke needs at least one point');
  }
  const maxJsonLength = options.maxJsonLength ?? STROKE_JSON_BUDGET;
  const widthPx = options.width * pixelsPerPageWidth(frame);

  // Pressure joins x and y as a third axis, scaled to the line's width in
  // pixels, so a visible change of width survives the simplification.
  const vertices: Vertex[] = inputs.map((input) => [
    input.x,
    input.y,
    options.withPressure ? pressureOf(input) * widthPx : 0,
  ]);

  const simplify = (tolerance: number) =>
    toStroke(simplifyPolyline(vertices, tolerance), frame, options, widthPx);
  const fits = (stroke: StrokeGeometry) =>
    JSON.stringify(stroke).length <= maxJsonLength || stroke.points.length <= 4;

  let tolerance = options.tolerancePx ?? DEFAULT_TOLERANCE_PX;
  let stroke = simplify(tolerance);
  if (fits(stroke)) {
    return stroke;
  }

  // Too large: double the tolerance until the stroke fits, then narrow
  // down between the last tolerance too fine and the first one that fits,
  // so the stroke keeps as much detail as the budget allows.
  let tooFine = tolerance;
  let fitting: StrokeGeometry;
  for (;;) {
    tolerance *= 2;
    stroke = simplify(tolerance);
    if (fits(stroke)) {
      fitting = stroke;
      break;
    }
    tooFine = tolerance;
  }
  for (let step = 0; step < TOLERANCE_SEARCH_STEPS; step++) {
    const middle = (tooFine + tolerance) / 2;
    stroke = simplify(middle);
    if (fits(stroke)) {
      fitting = stroke;
      tolerance = middle;
    } else {
      tooFine = middle;
    }
  }
  return fitting;
}

/**
 * Keeps the vertices of `points` that matter at `tolerance` (Ramer-Douglas-
 * Peucker): every dropped vertex lies within `tolerance` of the kept line.
 * The first and last vertices are always kept.
 */
export function simplifyPolyline<T extends readonly number[]>(
  points: readonly T[],
  tolerance: number,
): T[] {
  if (points.length <= 2) {
    return [...points];
  }
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;

  // An explicit stack, because a long line would overflow recursion.
  const ranges: [number, number][] = [[0, points.length - 1]];
  while (ranges.length > 0) {
    const [first, last] = ranges.pop()!;
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let index = first + 1; index < last; index++) {
      const distance = distanceToSegment(
        points[index]!,
        points[first]!,
        points[last]!,
      );
      if (distance > farthestDistance) {
        farthest = index;
        farthestDistance = distance;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      ranges.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, index) => keep[index] === 1);
}

/** Euclidean distance from `point` to the segment from `a` to `b`, in any dimension. */
export function distanceToSegment(
  point: readonly number[],
  a: readonly number[],
  b: readonly number[],
): number {
  let lengthSquared = 0;
  let dot = 0;
  for (let axis = 0; axis < a.length; axis++) {
    const along = b[axis]! - a[axis]!;
    lengthSquared += along * along;
    dot += (point[axis]! - a[axis]!) * along;
  }
  const t =
    lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, dot / lengthSquared));
  let distanceSquared = 0;
  for (let axis = 0; axis < a.length; axis++) {
    const nearest = a[axis]! + t * (b[axis]! - a[axis]!);
    distanceSquared += (point[axis]! - nearest) ** 2;
  }
  return Math.sqrt(distanceSquared);
}

function pressureOf(input: InputPoint): number {
  const pressure = input.pressure ?? 0.5;
  return Number.isFinite(pressure) ? Math.min(1, Math.max(0, pressure)) : 0.5;
}

function toStroke(
  vertices: readonly Vertex[],
  frame: PageFrame,
  options: StrokeOptions,
  widthPx: number,
): StrokeGeometry {
  const points: number[] = [];
  const pressures: number[] = [];
  for (const [x, y, z] of vertices) {
    const page = shownToPage({ x, y }, frame);
    const px = roundUnit(clampUnit(page.x));
    const py = roundUnit(clampUnit(page.y));
    const count = points.length;
    // Rounding can merge neighbours; a repeated point adds only size.
    if (count > 0 && points[count - 2] === px && points[count - 1] === py) {
      continue;
    }
    points.push(px, py);
    pressures.push(widthPx > 0 ? Math.round((z / widthPx) * 100) / 100 : 0);
  }

  const stroke: StrokeGeometry = { points, width: options.width };
  if (options.withPressure) {
    stroke.pressures = pressures;
  }
  return stroke;
}
