/**
 * SVG drawings of annotations, in CSS pixels of the shown page. Colours go
 * into presentation attributes, which the app's content security policy
 * allows, and only `#rrggbb` values reach them.
 */
import { memo } from 'react';

import type { DrawableAnnotation } from '../../core/annotations/annotation-shapes';
import type { Point } from '../../core/annotations/page-transform';
import {
  layoutShape,
  rotateClockwise,
  TEXT_LINE_HEIGHT,
  type ShapeLayout,
} from '../../core/annotations/shape-layout';
import {
  outlinePath,
  polylinePath,
  type OutlinePoint,
} from '../../core/annotations/stroke-outline';
import type { PageFrame } from '../../core/pages/page-frame';

type StampLayout = Extract<ShapeLayout, { kind: 'tick' | 'cross' }>;

// Stamp strokes as fractions of the stamp's side, centred on (0, 0).
const TICK_POINTS: readonly Point[] = [
  { x: -0.38, y: 0.02 },
  { x: -0.1, y: 0.3 },
  { x: 0.4, y: -0.32 },
];
const CROSS_LINES: readonly (readonly Point[])[] = [
  [
    { x: -0.3, y: -0.3 },
    { x: 0.3, y: 0.3 },
  ],
  [
    { x: 0.3, y: -0.3 },
    { x: -0.3, y: 0.3 },
  ],
];

/** Draws one annotation, again only when the annotation or the frame changes. */
export const AnnotationGraphic = memo(
  function AnnotationGraphic(props: {
    annotation: DrawableAnnotation;
    frame: PageFrame;
  }) {
    const layout = layoutShape(props.annotation, props.frame);
    return <ShapeGraphic layout={layout} color={props.annotation.color} />;
  },
  (before, after) =>
    before.annotation === after.annotation &&
    sameFrame(before.frame, after.frame),
);

/** Draws a laid-out shape. */
export function ShapeGraphic(props: { layout: ShapeLayout; color: string }) {
  const { layout, color } = props;
  switch (layout.kind) {
    case 'pen':
    case 'highlighter':
      return (
        <StrokeGraphic
          kind={layout.kind}
          points={layout.points}
          withPressure={layout.withPressure}
          width={layout.width}
          color={color}
        />
      );
    case 'tick':
    case 'cross':
      return <StampGraphic layout={layout} color={color} />;
    case 'text':
      return (
        <text
          className="annotation-text"
          transform={`translate(${layout.anchor.x} ${layout.anchor.y}) rotate(${layout.rotation})`}
          fontSize={layout.fontSize}
          fill={color}
        >
          {layout.lines.map((line, index) => (
            <tspan
              key={index}
              x={0}
              dy={index === 0 ? '1em' : `${TEXT_LINE_HEIGHT}em`}
            >
              {line === '' ? ' ' : line}
            </tspan>
          ))}
        </text>
      );
  }
}

/** Draws a freehand line: a filled outline when its width follows pressure. */
export function StrokeGraphic(props: {
  kind: 'pen' | 'highlighter';
  points: readonly OutlinePoint[];
  withPressure: boolean;
  width: number;
  color: string;
}) {
  if (props.withPressure) {
    return (
      <path
        className="annotation-pen"
        d={outlinePath(props.points)}
        fill={props.color}
      />
    );
  }
  return (
    <path
      className={`annotation-${props.kind}`}
      d={polylinePath(props.points)}
      fill="none"
      stroke={props.color}
      strokeWidth={props.width}
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  );
}

function StampGraphic(props: { layout: StampLayout; color: string }) {
  const { layout } = props;
  const place = (point: Point) => {
    const turned = rotateClockwise(point, layout.rotation);
    return {
      x: layout.center.x + turned.x * layout.size,
      y: layout.center.y + turned.y * layout.size,
    };
  };
  const lines = layout.kind === 'tick' ? [TICK_POINTS] : CROSS_LINES;
  return (
    <path
      className="annotation-stamp"
      d={lines.map((line) => polylinePath(line.map(place))).join('')}
      fill="none"
      stroke={props.color}
      strokeWidth={layout.size * 0.12}
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  );
}

/** Whether two frames show the same page at the same rotation and size. */
export function sameFrame(a: PageFrame, b: PageFrame): boolean {
  return (
    a.page === b.page &&
    a.rotation === b.rotation &&
    a.width === b.width &&
    a.height === b.height
  );
}
