/**
 * Arrow keys as moves on the shown page, for the keyboard cursor and for
 * the selected annotation.
 */
import type { Point } from '../../core/annotations/page-transform';

/** CSS pixels per arrow key press, and with Shift held. */
export const ARROW_STEP_PX = 4;
export const ARROW_SHIFT_STEP_PX = 40;

const DIRECTIONS: Readonly<Record<string, Point>> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/**
 * Returns the move in CSS pixels of an arrow key press, or null for any
 * other key. Arrows with Ctrl, Alt or Meta belong to other shortcuts
 * (Alt+Arrow changes copy), so they are not moves.
 */
export function arrowMove(event: {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}): Point | null {
  const direction = DIRECTIONS[event.key];
  if (
    direction === undefined ||
    event.ctrlKey ||
    event.altKey ||
    event.metaKey
  ) {
    return null;
  }
  const step = event.shiftKey ? ARROW_SHIFT_STEP_PX : ARROW_STEP_PX;
  return { x: direction.x * step, y: direction.y * step };
}

/** Keeps a point within the shown page. */
export function clampToFrame(
  point: Point,
  frame: { width: number; height: number },
): Point {
  return {
    x: Math.min(frame.width, Math.max(0, point.x)),
    y: Math.min(frame.height, Math.max(0, point.y)),
  };
}
