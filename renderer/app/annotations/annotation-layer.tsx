/**
 * The annotation overlay of one shown page, which the viewer places exactly
 * over the page. It is an SVG as large as the page that draws the page's
 * annotations, the stroke being drawn, the selection and the keyboard
 * cursor, with the text field of a note on top.
 */
import { memo, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import {
  DEFAULT_SIZES,
  type DrawableAnnotation,
} from '../../core/annotations/annotation-shapes';
import { pixelsPerPageWidth } from '../../core/annotations/page-transform';
import { layoutBounds, layoutShape } from '../../core/annotations/shape-layout';
import { pressureWidthFactor } from '../../core/annotations/stroke-outline';
import type { PageFrame } from '../../core/pages/page-frame';
import {
  AnnotationGraphic,
  sameFrame,
  StrokeGraphic,
} from './annotation-graphic';
import { annotationName } from './annotation-names';
import { NoteField } from './note-field';
import type { AnnotationEditor } from './use-annotation-editor';
import { useLayerGestures, type GesturePreview } from './use-layer-gestures';
import { useLayerKeyboard } from './use-layer-keyboard';

/** Space kept around the selection's outline, in CSS pixels. */
const SELECTION_MARGIN = 4;

export function AnnotationLayer(props: {
  frame: PageFrame;
  editor: AnnotationEditor;
}) {
  const { frame, editor } = props;
  const { t } = useTranslation();
  const helpId = useId();
  const svg = useRef<SVGSVGElement>(null);
  const { preview, handlers } = useLayerGestures(editor, frame);
  const keyboard = useLayerKeyboard(editor, frame, svg);

  const onPage = editor.drawable.filter(
    (entry) => entry.source.page === frame.page,
  );
  const selecting = editor.tool === 'select' && !editor.readOnly;
  const selected = onPage.find(
    (entry) => entry.source.id === editor.selectedId,
  );
  const edit = editor.textEdit;

  return (
    <div
      className="annotation-layer"
      data-tool={editor.readOnly ? 'none' : editor.tool}
    >
      <svg
        ref={svg}
        className="annotation-svg"
        width={frame.width}
        height={frame.height}
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        role="application"
        aria-label={t('annotations.layer', { page: frame.page })}
        aria-describedby={helpId}
        tabIndex={0}
        {...keyboard.handlers}
        {...handlers}
      >
        {onPage.map((stored) => (
          <AnnotationItem
            key={stored.source.id}
            // A dragged annotation is drawn where it would land.
            annotation={
              preview?.drag?.source.id === stored.source.id
                ? preview.drag
                : stored
            }
            frame={frame}
            focusable={selecting}
            erasing={preview?.erasing?.has(stored.source.id) ?? false}
          />
        ))}

        {preview?.stroke !== undefined && (
          <DraftStroke
            preview={preview.stroke}
            frame={frame}
            color={editor.color}
          />
        )}

        {selecting && selected !== undefined && (
          <SelectionOutline
            annotation={
              preview?.drag?.source.id === selected.source.id
                ? preview.drag
                : selected
            }
            frame={frame}
          />
        )}

        {keyboard.cursor !== null && (
          <g
            className="annotation-cursor"
            transform={`translate(${keyboard.cursor.x} ${keyboard.cursor.y})`}
          >
            <circle r={10} />
            <path d="M-16 0H-5M5 0H16M0 -16V-5M0 5V16" />
          </g>
        )}
      </svg>
      <span id={helpId} className="visually-hidden">
        {editor.readOnly
          ? t('annotations.readOnly')
          : t('annotations.layerHelp')}
      </span>

      {edit !== null && edit.page === frame.page && (
        <NoteField
          editor={editor}
          edit={edit}
          frame={frame}
          onDone={keyboard.focusLayer}
        />
      )}
    </div>
  );
}

/**
 * One annotation with its accessible name. With the select tool it is a
 * button that Tab reaches; the layer handles its focus and keys.
 */
const AnnotationItem = memo(
  function AnnotationItem(props: {
    annotation: DrawableAnnotation;
    frame: PageFrame;
    focusable: boolean;
    erasing: boolean;
  }) {
    const { t } = useTranslation();
    const { annotation } = props;
    return (
      <g
        className="annotation-item"
        data-annotation-id={annotation.source.id}
        data-kind={annotation.shape.kind}
        role={props.focusable ? 'button' : 'img'}
        aria-label={annotationName(annotation, t)}
        tabIndex={props.focusable ? 0 : undefined}
        opacity={props.erasing ? 0.25 : 1}
      >
        <AnnotationGraphic annotation={annotation} frame={props.frame} />
      </g>
    );
  },
  (before, after) =>
    before.annotation === after.annotation &&
    before.focusable === after.focusable &&
    before.erasing === after.erasing &&
    sameFrame(before.frame, after.frame),
);

function DraftStroke(props: {
  preview: NonNullable<GesturePreview['stroke']>;
  frame: PageFrame;
  color: string;
}) {
  const { kind, points } = props.preview;
  const width =
    (kind === 'pen' ? DEFAULT_SIZES.penWidth : DEFAULT_SIZES.highlighterWidth) *
    pixelsPerPageWidth(props.frame);
  const withPressure =
    kind === 'pen' && points.some((point) => point.pressure !== undefined);
  const factor = (pressure: number | undefined) =>
    withPressure ? pressureWidthFactor(pressure ?? 1) : 1;
  return (
    <StrokeGraphic
      kind={kind}
      points={points.map((point) => ({
        x: point.x,
        y: point.y,
        radius: (width * factor(point.pressure)) / 2,
      }))}
      withPressure={withPressure}
      width={width}
      color={props.color}
    />
  );
}

function SelectionOutline(props: {
  annotation: DrawableAnnotation;
  frame: PageFrame;
}) {
  const bounds = layoutBounds(layoutShape(props.annotation, props.frame));
  return (
    <rect
      className="annotation-selection"
      x={bounds.x - SELECTION_MARGIN}
      y={bounds.y - SELECTION_MARGIN}
      width={bounds.width + 2 * SELECTION_MARGIN}
      height={bounds.height + 2 * SELECTION_MARGIN}
    />
  );
}
