/**
 * The text field of the note being written or edited on a page, and what
 * its text becomes: a new note, a changed note, or no note when emptied.
 */
import { DEFAULT_SIZES } from '../../core/annotations/annotation-shapes';
import { createTextNote } from '../../core/annotations/create-annotation';
import {
  pageToShown,
  pixelsPerPageWidth,
} from '../../core/annotations/page-transform';
import { layoutBounds, layoutShape } from '../../core/annotations/shape-layout';
import type { PageFrame } from '../../core/pages/page-frame';
import { TextNoteEditor } from './text-note-editor';
import type { AnnotationEditor, TextEdit } from './use-annotation-editor';

export function NoteField(props: {
  editor: AnnotationEditor;
  edit: TextEdit;
  frame: PageFrame;
  /** Called when a key ended the edit, to give the focus back to the page. */
  onDone: () => void;
}) {
  const { editor, edit, frame } = props;
  const existing = editor.drawable.find((entry) => entry.source.id === edit.id);
  // An existing note may be turned on screen: the field opens upright at
  // its top left corner as shown.
  const at =
    existing !== undefined
      ? layoutBounds(layoutShape(existing, frame))
      : pageToShown(edit.at, frame);
  const size =
    existing?.shape.kind === 'text'
      ? existing.shape.geometry.size
      : DEFAULT_SIZES.textSize;

  function commit(text: string, returnFocus: boolean) {
    editor.setTextEdit(null);
    const trimmed = text.trim();
    if (existing === undefined) {
      if (trimmed !== '') {
        editor.add(
          createTextNote(text, pageToShown(edit.at, frame), frame, {
            id: crypto.randomUUID(),
            color: editor.color,
          }),
        );
      }
    } else if (trimmed === '') {
      editor.remove([existing.source.id]);
    } else if (text !== edit.text) {
      editor.replace({ ...existing.source, text });
    }
    if (returnFocus) {
      props.onDone();
    }
  }

  return (
    <TextNoteEditor
      key={`${edit.page}:${edit.id ?? 'new'}:${edit.at.x}:${edit.at.y}`}
      at={{ x: at.x, y: at.y }}
      fontSize={size * pixelsPerPageWidth(frame)}
      color={existing?.color ?? editor.color}
      initialText={edit.text}
      onCommit={commit}
      onCancel={() => {
        editor.setTextEdit(null);
        props.onDone();
      }}
    />
  );
}
