/**
 * SVG path data for strokes in CSS pixels of the shown page. An SVG stroke
 * has one width, so a line whose width follows the pen's pressure is drawn
 * as a filled outline instead.
 */
import type { Point } from './page-transform';

/** A point of a line with the line's half-width there, in CSS pixels. */
export interface OutlinePoint extends Point {
  radius: number;
}

/**
 * Returns the share of a stroke's full width drawn at `pressure`, at least
 * 30% so that a light touch still leaves a visible line.
 */
export function pressureWidthFactor(pressure: number): number {
  return 0.3 + 0.7 * pressure;
}

/** Path data of a polyline, for a stroke of constant width. */
export function polylinePath(points: readonly Point[]): string {
  if (points.length === 0) {
    return '';
  }
  const [first, ...rest] = points;
  // A single point still draws a dot: a zero-length segment with round caps.
  const tail = rest.length > 0 ? rest : [first!];
  return (
    `M${format(first!)}` + tail.map((point) => `L${format(point)}`).join('')
  );
}

/**
 * Path data of the filled outline of a line of varying width: each side of
 * the line offset by its half-width, with round ends. The line is cut at
 * turns sharper than about 100 degrees, where the offset sides would cross,
 * and the round ends of the pieces join them. Every piece winds the same
 * way, so the default nonzero fill shows their union.
 */
export function outlinePath(points: readonly OutlinePoint[]): string {
  const distinct = points.filter(
    (point, index) =>
      index === 0 ||
      point.x !== points[index - 1]!.x ||
      point.y !== points[index - 1]!.y,
  );
  if (distinct.length === 0) {
    return '';
  }
  if (distinct.length === 1) {
    return dotPath(distinct[0]!);
  }
  return splitAtSharpTurns(distinct).map(piecePath).join('');
}

const SHARP_TURN_COSINE = Math.cos((100 * Math.PI) / 180);

function splitAtSharpTurns(points: readonly OutlinePoint[]): OutlinePoint[][] {
  const pieces: OutlinePoint[][] = [];
  let piece: OutlinePoint[] = [points[0]!];
  for (let index = 1; index < points.length; index++) {
    const point = points[index]!;
    piece.push(point);
    const next = points[index + 1];
    if (next === undefined) {
      break;
    }
    const incoming = unit(points[index - 1]!, point);
    const outgoing = unit(point, next);
    if (incoming.x * outgoing.x + incoming.y * outgoing.y < SHARP_TURN_COSINE) {
      pieces.push(piece);
      piece = [point];
    }
  }
  pieces.push(piece);
  return pieces;
}

function piecePath(points: readonly OutlinePoint[]): string {
  const left: Point[] = [];
  const right: Point[] = [];
  points.forEach((point, index) => {
    const before = points[index - 1] ?? point;
    const after = points[index + 1] ?? point;
    // The direction at a vertex is the mean of the directions of its two
    // segments. At an end it is the direction of its only segment.
    const incoming = unit(before, point);
    const outgoing = unit(point, after);
    let direction = unit(
      { x: 0, y: 0 },
      { x: incoming.x + outgoing.x, y: incoming.y + outgoing.y },
    );
    if (direction.x === 0 && direction.y === 0) {
      direction = outgoing.x !== 0 || outgoing.y !== 0 ? outgoing : incoming;
    }
    const normal = { x: -direction.y, y: direction.x };
    left.push({
      x: point.x + normal.x * point.radius,
      y: point.y + normal.y * point.radius,
    });
    right.push({
      x: point.x - normal.x * point.radius,
      y: point.y - normal.y * point.radius,
    });
  });

  const first = points[0]!;
  const last = points[points.length - 1]!;
  const back = [...right].reverse();
  const lines = (side: Point[]) =>
    side
      .slice(1)
      .map((point) => `L${format(point)}`)
      .join('');
  // The sweep flag 0 turns each half circle outwards, away from the line.
  return (
    `M${format(left[0]!)}${lines(left)}` +
    `A${round(last.radius)} ${round(last.radius)} 0 0 0 ${format(back[0]!)}` +
    lines(back) +
    `A${round(first.radius)} ${round(first.radius)} 0 0 0 ${format(left[0]!)}Z`
  );
}

function dotPath(point: OutlinePoint): string {
  const r = round(point.radius);
  return (
    `M${round(point.x - point.radius)} ${round(point.y)}` +
    `A${r} ${r} 0 1 0 ${round(point.x + point.radius)} ${round(point.y)}` +
    `A${r} ${r} 0 1 0 ${round(point.x - point.radius)} ${round(point.y)}Z`
  );
}

function unit(from: Point, to: Point): Point {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  return length === 0 ? { x: 0, y: 0 } : { x: dx / length, y: dy / length };
}

function format(point: Point): string {
  return `${round(point.x)} ${round(point.y)}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
