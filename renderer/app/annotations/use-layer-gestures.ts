/**
 * Pointer gestures on one page's annotation layer: drawing a stroke,
 * erasing, dragging the selection, and the single clicks that place a
 * stamp or open a text note. Only the first pointer down acts until it is
 * lifted, so a palm that touches a tablet while the pen writes does nothing.
 */
import { useRef, useState, type PointerEvent } from 'react';

import type {
  DrawableAnnotation,
  StrokeKind,
} from '../../core/annotations/annotation-shapes';
import {
  createStamp,
  createStroke,
} from '../../core/annotations/create-annotation';
import {
  annotationAt,
  annotationsAlong,
} from '../../core/annotations/hit-test';
import { moveAnnotation } from '../../core/annotations/move-annotation';
import { parseAnnotation } from '../../core/annotations/parse-annotation';
import {
  shownToPage,
  shownVectorToPage,
  type Point,
} from '../../core/annotations/page-transform';
import type { InputPoint } from '../../core/annotations/stroke-simplify';
import type { PageFrame } from '../../core/pages/page-frame';
import { isPenEraser, pointerPosition } from './pointer-position';
import type { AnnotationEditor } from './use-annotation-editor';

type Gesture =
  | { type: 'stroke'; kind: StrokeKind; points: InputPoint[]; pen: boolean }
  | { type: 'erase'; last: Point; hits: Set<string> }
  | {
      type: 'drag';
      start: Point;
      moved: DrawableAnnotation;
      original: DrawableAnnotation;
    };

/** The preview of a gesture in progress, shown until it is committed. */
export interface GesturePreview {
  stroke?: { kind: StrokeKind; points: readonly InputPoint[] };
  erasing?: ReadonlySet<string>;
  /** The dragged annotation where it would land now. */
  drag?: DrawableAnnotation;
}

interface ActiveGesture {
  pointerId: number;
  box: DOMRect;
  gesture: Gesture;
}

export function useLayerGestures(editor: AnnotationEditor, frame: PageFrame) {
  const active = useRef<ActiveGesture | null>(null);
  const [preview, setPreview] = useState<GesturePreview | null>(null);

  function show(gesture: Gesture) {
    switch (gesture.type) {
      case 'stroke':
        setPreview({
          stroke: { kind: gesture.kind, points: [...gesture.points] },
        });
        return;
      case 'erase':
        setPreview({ erasing: new Set(gesture.hits) });
        return;
      case 'drag':
        setPreview({ drag: gesture.moved });
        return;
    }
  }

  function begin(event: PointerEvent<Element>, gesture: Gesture) {
    try {
      // Capture keeps the gesture when the pointer leaves the page.
      event.currentTarget.setPointerCapture(event.pointerId);
    } catch {
      // A pointer that is no longer active (a synthetic event, or a pen
      // lifted already) cannot be captured: the gesture goes on without.
    }
    active.current = {
      pointerId: event.pointerId,
      box: event.currentTarget.getBoundingClientRect(),
      gesture,
    };
    show(gesture);
  }

  function onPointerDown(event: PointerEvent<SVGSVGElement>) {
    if (editor.readOnly || active.current !== null) {
      return;
    }
    if (editor.textEdit !== null) {
      // A click outside the open note ends it, as leaving its field does,
      // and starts nothing else.
      event.preventDefault();
      if (document.activeElement instanceof HTMLElement) {
        document.activeElement.blur();
      }
      return;
    }
    const eraser = isPenEraser(event);
    if (event.button !== 0 && !eraser) {
      return;
    }
    const box = event.currentTarget.getBoundingClientRect();
    const point = pointerPosition(event, box, frame);
    const tool = eraser ? 'eraser' : editor.tool;

    switch (tool) {
      case 'pen':
      case 'highlighter':
        begin(event, {
          type: 'stroke',
          kind: tool,
          points: [point],
          pen: event.pointerType === 'pen',
        });
        return;
      case 'eraser':
        begin(event, {
          type: 'erase',
          last: point,
          hits: new Set(annotationsAlong(editor.drawable, point, point, frame)),
        });
        return;
      case 'tick':
      case 'cross':
        editor.add(
          createStamp(tool, point, frame, {
            id: crypto.randomUUID(),
            color: editor.color,
          }),
        );
        return;
      case 'text':
        // The field takes the focus: the click must not give it to the layer.
        event.preventDefault();
        openNote(point);
        return;
      case 'select': {
        const id = annotationAt(editor.drawable, point, frame);
        editor.select(id);
        const original = editor.drawable.find(
          (entry) => entry.source.id === id,
        );
        if (original !== undefined) {
          begin(event, {
            type: 'drag',
            start: point,
            moved: original,
            original,
          });
        }
        return;
      }
    }
  }

  /** Opens the note under `point` for editing, or a new note there. */
  function openNote(point: Point) {
    const id = annotationAt(
      editor.drawable.filter((entry) => entry.shape.kind === 'text'),
      point,
      frame,
    );
    const note = editor.drawable.find((entry) => entry.source.id === id);
    if (note !== undefined && note.shape.kind === 'text') {
      editor.setTextEdit({
        page: frame.page,
        id: note.source.id,
        at: { x: note.shape.geometry.x, y: note.shape.geometry.y },
        text: note.shape.text,
      });
      return;
    }
    editor.setTextEdit({
      page: frame.page,
      id: null,
      at: shownToPage(point, frame),
      text: '',
    });
  }

  function onPointerMove(event: PointerEvent<SVGSVGElement>) {
    const current = active.current;
    if (current === null || current.pointerId !== event.pointerId) {
      return;
    }
    const { gesture, box } = current;
    const point = pointerPosition(event, box, frame);

    switch (gesture.type) {
      case 'stroke': {
        // A pen reports more positions than there are frames: the
        // coalesced events keep the line as smooth as it was drawn.
        const samples = event.nativeEvent.getCoalescedEvents?.() ?? [];
        const positions =
          samples.length > 0
            ? samples.map((sample) => pointerPosition(sample, box, frame))
            : [point];
        gesture.points.push(...positions);
        break;
      }
      case 'erase': {
        const before = gesture.hits.size;
        for (const id of annotationsAlong(
          editor.drawable,
          gesture.last,
          point,
          frame,
        )) {
          gesture.hits.add(id);
        }
        gesture.last = point;
        if (gesture.hits.size === before) {
          return;
        }
        break;
      }
      case 'drag': {
        // The preview is the move itself, stopped at the page's edges
        // exactly as the committed move will be.
        const offset = {
          x: point.x - gesture.start.x,
          y: point.y - gesture.start.y,
        };
        const moved = parseAnnotation(
          moveAnnotation(gesture.original, shownVectorToPage(offset, frame)),
        );
        if (moved.status === 'drawable') {
          gesture.moved = moved.annotation;
        }
        break;
      }
    }
    show(gesture);
  }

  function onPointerUp(event: PointerEvent<SVGSVGElement>) {
    const current = active.current;
    if (current === null || current.pointerId !== event.pointerId) {
      return;
    }
    active.current = null;
    setPreview(null);
    commit(current.gesture);
  }

  function commit(gesture: Gesture) {
    switch (gesture.type) {
      case 'stroke':
        editor.add(
          createStroke(gesture.kind, gesture.points, frame, {
            id: crypto.randomUUID(),
            color: editor.color,
            withPressure: gesture.pen && reportsPressure(gesture.points),
          }),
        );
        return;
      case 'erase':
        if (gesture.hits.size > 0) {
          editor.remove(gesture.hits);
        }
        return;
      case 'drag':
        if (gesture.moved !== gesture.original) {
          editor.replace(gesture.moved.source);
        }
        return;
    }
  }

  /** Drops the gesture in progress: the system took the pointer away. */
  function onPointerCancel(event: PointerEvent<SVGSVGElement>) {
    if (active.current?.pointerId === event.pointerId) {
      active.current = null;
      setPreview(null);
    }
  }

  return {
    preview,
    handlers: {
      onPointerDown,
      onPointerMove,
      onPointerUp,
      onPointerCancel,
      onLostPointerCapture: onPointerCancel,
    },
  };
}

/**
 * Whether a pen's positions carry real pressure. Pointer Events report 0.5
 * for every position of hardware without pressure.
 */
function reportsPressure(points: readonly InputPoint[]): boolean {
  return points.some(
    (point) => point.pressure !== undefined && point.pressure !== 0.5,
  );
}
