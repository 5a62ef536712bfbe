/**
 * The keyboard on one page's annotation layer. On the layer itself the
 * arrow keys move a cursor and Enter uses the chosen tool there, so a
 * stamp or a note needs no pointer. On an annotation (select tool, reached
 * with Tab) the arrow keys move it, Delete removes it and Enter edits a
 * note.
 */
import {
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';

import type { DrawableAnnotation } from '../../core/annotations/annotation-shapes';
import { createStamp } from '../../core/annotations/create-annotation';
import { moveAnnotation } from '../../core/annotations/move-annotation';
import {
  pageToShown,
  shownToPage,
  shownVectorToPage,
  type Point,
} from '../../core/annotations/page-transform';
import type { PageFrame } from '../../core/pages/page-frame';
import { placesAtPoint } from './annotation-tools';
import { arrowMove, clampToFrame } from './keyboard-moves';
import type { AnnotationEditor } from './use-annotation-editor';

export function useLayerKeyboard(
  editor: AnnotationEditor,
  frame: PageFrame,
  layer: RefObject<SVGSVGElement | null>,
) {
  // The cursor is kept in page-relative units, so a zoom keeps it in place.
  const [cursor, setCursor] = useState<Point>({ x: 0.5, y: 0.5 });
  const [layerFocused, setLayerFocused] = useState(false);
  const cursorShown = pageToShown(cursor, frame);

  function focusLayer() {
    layer.current?.focus();
  }

  function applyToolAtCursor() {
    const fields = { id: crypto.randomUUID(), color: editor.color };
    if (editor.tool === 'tick' || editor.tool === 'cross') {
      editor.add(createStamp(editor.tool, cursorShown, frame, fields));
    } else if (editor.tool === 'text') {
      editor.setTextEdit({ page: frame.page, id: null, at: cursor, text: '' });
    }
  }

  /** Handles a key on the layer or, through bubbling, on one of its annotations. */
  function onKeyDown(event: KeyboardEvent<SVGSVGElement>) {
    if (editor.readOnly) {
      return;
    }
    const annotation = annotationOf(event.target);
    if (annotation !== undefined) {
      onAnnotationKeyDown(event, annotation);
    } else if (event.target === event.currentTarget) {
      onLayerKeyDown(event);
    }
  }

  /** Handles the focus moving to the layer or to one of its annotations. */
  function onFocus(event: FocusEvent<SVGSVGElement>) {
    setLayerFocused(event.target === event.currentTarget);
    const annotation = annotationOf(event.target);
    if (annotation !== undefined) {
      editor.select(annotation.source.id);
    }
  }

  function annotationOf(target: EventTarget): DrawableAnnotation | undefined {
    const id =
      target instanceof Element
        ? target.getAttribute('data-annotation-id')
        : null;
    return id === null
      ? undefined
      : editor.drawable.find((entry) => entry.source.id === id);
  }

  function onLayerKeyDown(event: KeyboardEvent<SVGSVGElement>) {
    const move = arrowMove(event);
    if (move !== null) {
      event.preventDefault();
      const next = clampToFrame(
        { x: cursorShown.x + move.x, y: cursorShown.y + move.y },
        frame,
      );
      setCursor(shownToPage(next, frame));
    } else if (
      (event.key === 'Enter' || event.key === ' ') &&
      placesAtPoint(editor.tool)
    ) {
      event.preventDefault();
      applyToolAtCursor();
    } else if (event.key === 'Escape' && editor.selectedId !== null) {
      event.preventDefault();
      editor.select(null);
    }
  }

  function onAnnotationKeyDown(
    event: KeyboardEvent<SVGSVGElement>,
    annotation: DrawableAnnotation,
  ) {
    const move = arrowMove(event);
    if (move !== null) {
      event.preventDefault();
      editor.replace(
        moveAnnotation(annotation, shownVectorToPage(move, frame)),
      );
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      editor.remove([annotation.source.id]);
      focusLayer();
    } else if (event.key === 'Enter' && annotation.shape.kind === 'text') {
      event.preventDefault();
      editor.setTextEdit({
        page: frame.page,
        id: annotation.source.id,
        at: { x: annotation.shape.geometry.x, y: annotation.shape.geometry.y },
        text: annotation.shape.text,
      });
    } else if (event.key === 'Escape') {
      event.preventDefault();
      editor.select(null);
      focusLayer();
    }
  }

  return {
    /** The cursor in CSS pixels while the layer has the focus and the tool places something, else null. */
    cursor: layerFocused && placesAtPoint(editor.tool) ? cursorShown : null,
    focusLayer,
    /** Focus and key handlers of the layer's SVG element. */
    handlers: {
      onKeyDown,
      onFocus,
      onBlur: () => setLayerFocused(false),
    },
  };
}
