import { useEffect, useRef } from 'react';

import { editorCommandFor, type EditorCommand } from './annotation-tools';
import type { AnnotationEditor } from './use-annotation-editor';

/**
 * Runs the annotation editor's shortcuts on the window's key presses while
 * `enabled`: a tool's letter, C for the next colour, Delete for the
 * selection, Ctrl+Z and Ctrl+Shift+Z. A read-only editor takes none.
 */
export function useEditorShortcuts(
  editor: AnnotationEditor,
  enabled: boolean,
): void {
  const latest = useRef(editor);
  latest.current = editor;

  useEffect(() => {
    if (!enabled) {
      return;
    }
    function onKey(event: KeyboardEvent) {
      const current = latest.current;
      const command = editorCommandFor(event);
      if (command === null || current.readOnly || !applies(command, current)) {
        return;
      }
      event.preventDefault();
      run(command, current);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** Whether the command has something to act on, so its key is taken. */
function applies(command: EditorCommand, editor: AnnotationEditor): boolean {
  switch (command.type) {
    case 'delete':
      return editor.selectedId !== null;
    case 'undo':
      return editor.canUndo;
    case 'redo':
      return editor.canRedo;
    default:
      return true;
  }
}

function run(command: EditorCommand, editor: AnnotationEditor): void {
  switch (command.type) {
    case 'tool':
      editor.setTool(command.tool);
      return;
    case 'next-color':
      editor.cycleColor();
      return;
    case 'delete':
      editor.deleteSelected();
      return;
    case 'undo':
      editor.undo();
      return;
    case 'redo':
      editor.redo();
      return;
  }
}
