/**
 * Pointer events as points on the shown page. The layer may be scaled by a
 * CSS transform (a pinch zoom, say), so positions are measured against the
 * element's box on screen and scaled to the frame's CSS size.
 */
import type { InputPoint } from '../../core/annotations/stroke-simplify';

/** The fields of a `PointerEvent` that a position needs. */
export interface PointerSample {
  clientX: number;
  clientY: number;
  pressure: number;
  pointerType: string;
}

/** Returns the position of `sample` in CSS pixels of the frame. */
export function pointerPosition(
  sample: PointerSample,
  box: { left: number; top: number; width: number; height: number },
  frame: { width: number; height: number },
): InputPoint {
  const scaleX = box.width > 0 ? frame.width / box.width : 1;
  const scaleY = box.height > 0 ? frame.height / box.height : 1;
  const point: InputPoint = {
    x: (sample.clientX - box.left) * scaleX,
    y: (sample.clientY - box.top) * scaleY,
  };
  // A mouse reports 0.5 while a button is down and a finger often 0 or 1:
  // only a pen's pressure means anything.
  if (sample.pointerType === 'pen') {
    point.pressure = sample.pressure;
  }
  return point;
}

/**
 * Whether the button of a pointer down event is the pen's eraser end or
 * eraser button (button 5 in Pointer Events), which erases whatever the
 * chosen tool is.
 */
export function isPenEraser(event: {
  pointerType: string;
  button: number;
  buttons: number;
}): boolean {
  return (
    event.pointerType === 'pen' &&
    (event.button === 5 || (event.buttons & 32) !== 0)
  );
}
