/**
 * Layout of an annotation on the shown page, in CSS pixels, as the overlay
 * draws it and hit testing measures it.
 */
import type { PageFrame } from '../pages/page-frame';
import type { DrawableAnnotation, StampKind } from './annotation-shapes';
import { pageToShown, pixelsPerPageWidth, type Point } from './page-transform';
import { pressureWidthFactor, type OutlinePoint } from './stroke-outline';

/** An axis-aligned rectangle in CSS pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Line height of text notes, in ems, and the mean advance of one character
 * used to size a note before the browser lays it out.
 */
export const TEXT_LINE_HEIGHT = 1.25;
const MEAN_CHARACTER_WIDTH = 0.55;

export type ShapeLayout =
  | {
      kind: 'pen' | 'highlighter';
      /** Each point with the line's half-width there. */
      points: OutlinePoint[];
      /** Whether the width follows the pressure of each point. */
      withPressure: boolean;
      /** Full width of the line. */
      width: number;
    }
  | {
      kind: StampKind;
      center: Point;
      size: number;
      /** Clockwise turn on screen, in degrees. */
      rotation: number;
    }
  | {
      kind: 'text';
      /** The top left corner of the first line, in the note's own orientation. */
      anchor: Point;
      fontSize: number;
      /** Clockwise turn on screen, in degrees. */
      rotation: number;
      lines: string[];
    };

/** Lays out a drawable annotation on the shown page `frame`. */
export function layoutShape(
  annotation: DrawableAnnotation,
  frame: PageFrame,
): ShapeLayout {
  const scale = pixelsPerPageWidth(frame);
  const { shape } = annotation;
  switch (shape.kind) {
    case 'pen':
    case 'highlighter': {
      const { points: flat, pressures, width } = shape.geometry;
      const withPressure = shape.kind === 'pen' && pressures !== undefined;
      const points: OutlinePoint[] = [];
      for (let index = 0; index < flat.length; index += 2) {
        const shown = pageToShown(
          { x: flat[index]!, y: flat[index + 1]! },
          frame,
        );
        const factor = withPressure
          ? pressureWidthFactor(pressures[index / 2] ?? 1)
          : 1;
        points.push({ ...shown, radius: (width * scale * factor) / 2 });
      }
      return { kind: shape.kind, points, withPressure, width: width * scale };
    }
    case 'tick':
    case 'cross':
      return {
        kind: shape.kind,
        center: pageToShown(shape.geometry, frame),
        size: shape.geometry.size * scale,
        rotation: (frame.rotation + shape.geometry.rotation) % 360,
      };
    case 'text':
      return {
        kind: 'text',
        anchor: pageToShown(shape.geometry, frame),
        fontSize: shape.geometry.size * scale,
        rotation: (frame.rotation + shape.geometry.rotation) % 360,
        lines: shape.text.split('\n'),
      };
  }
}

/**
 * Returns the rectangle a layout covers on screen. A text note's size is an
 * estimate from its number of characters, since the core does not lay out
 * text.
 */
export function layoutBounds(layout: ShapeLayout): Rect {
  switch (layout.kind) {
    case 'pen':
    case 'highlighter': {
      const xs = layout.points.map((point) => point.x);
      const ys = layout.points.map((point) => point.y);
      const margin = Math.max(...layout.points.map((point) => point.radius));
      const x = Math.min(...xs) - margin;
      const y = Math.min(...ys) - margin;
      return {
        x,
        y,
        width: Math.max(...xs) + margin - x,
        height: Math.max(...ys) + margin - y,
      };
    }
    case 'tick':
    case 'cross':
      return {
        x: layout.center.x - layout.size / 2,
        y: layout.center.y - layout.size / 2,
        width: layout.size,
        height: layout.size,
      };
    case 'text':
      return textBounds(layout);
  }
}

function textBounds(layout: Extract<ShapeLayout, { kind: 'text' }>): Rect {
  const longest = Math.max(...layout.lines.map((line) => line.length), 1);
  const width = longest * MEAN_CHARACTER_WIDTH * layout.fontSize;
  const height = layout.lines.length * TEXT_LINE_HEIGHT * layout.fontSize;
  const corners = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: 0, y: height },
    { x: width, y: height },
  ].map((corner) => {
    const turned = rotateClockwise(corner, layout.rotation);
    return { x: layout.anchor.x + turned.x, y: layout.anchor.y + turned.y };
  });
  const xs = corners.map((corner) => corner.x);
  const ys = corners.map((corner) => corner.y);
  return {
    x: Math.min(...xs),
    y: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  };
}

/** Turns a vector clockwise on screen (y downwards) by a multiple of 90 degrees. */
export function rotateClockwise(vector: Point, degrees: number): Point {
  switch (((degrees % 360) + 360) % 360) {
    case 90:
      return { x: -vector.y, y: vector.x };
    case 180:
      return { x: -vector.x, y: -vector.y };
    case 270:
      return { x: vector.y, y: -vector.x };
    default:
      return { x: vector.x, y: vector.y };
  }
}
