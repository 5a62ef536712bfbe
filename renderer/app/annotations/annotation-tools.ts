/**
 * The annotation tools and the keyboard shortcuts of the annotation
 * editor, from the app's shortcut table.
 */
import { isTextEntry, shortcutApplies, type ShortcutId } from '../shortcuts';

export const ANNOTATION_TOOLS = [
  'select',
  'pen',
  'highlighter',
  'text',
  'tick',
  'cross',
  'eraser',
] as const;

export type AnnotationTool = (typeof ANNOTATION_TOOLS)[number];

export const TOOL_SHORTCUTS = {
  select: 'selectTool',
  pen: 'penTool',
  highlighter: 'highlighterTool',
  text: 'textTool',
  tick: 'tickTool',
  cross: 'crossTool',
  eraser: 'eraserTool',
} as const satisfies Record<AnnotationTool, ShortcutId>;

/** Tools that place something at one point: a click or Enter at the cursor. */
export function placesAtPoint(
  tool: AnnotationTool,
): tool is 'text' | 'tick' | 'cross' {
  return tool === 'text' || tool === 'tick' || tool === 'cross';
}

export type EditorCommand =
  | { type: 'tool'; tool: AnnotationTool }
  | { type: 'next-color' }
  | { type: 'delete' }
  | { type: 'undo' }
  | { type: 'redo' };

/**
 * Returns the editor command of a key press, or null. A key already
 * handled (default prevented) is left alone. Undo and redo also wait while
 * the focus is in a text field, whose own undo must win.
 */
export function editorCommandFor(event: KeyboardEvent): EditorCommand | null {
  if (event.defaultPrevented) {
    return null;
  }
  for (const tool of ANNOTATION_TOOLS) {
    if (shortcutApplies(event, TOOL_SHORTCUTS[tool])) {
      return { type: 'tool', tool };
    }
  }
  if (shortcutApplies(event, 'nextColor')) {
    return { type: 'next-color' };
  }
  if (shortcutApplies(event, 'deleteSelection')) {
    return { type: 'delete' };
  }
  if (isTextEntry(event.target)) {
    return null;
  }
  // Redo first: it is Undo's key with Shift.
  if (shortcutApplies(event, 'redo')) {
    return { type: 'redo' };
  }
  if (shortcutApplies(event, 'undo')) {
    return { type: 'undo' };
  }
  return null;
}
