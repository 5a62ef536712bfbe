/**
 * The small text field in which a note is written, opened at the click (or
 * the keyboard cursor) on the page. Enter or leaving the field commits,
 * Escape cancels.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { GRADE_LIMITS } from '../../../shared/api/schemas';
import type { Point } from '../../core/annotations/page-transform';

export interface TextNoteEditorProps {
  /** Top left corner of the field, in CSS pixels of the shown page. */
  at: Point;
  /** Font size of the note on the page, in CSS pixels. */
  fontSize: number;
  color: string;
  initialText: string;
  /** Receives the text. `returnFocus` is true when a key ended the edit. */
  onCommit: (text: string, returnFocus: boolean) => void;
  onCancel: () => void;
}

export function TextNoteEditor(props: TextNoteEditorProps) {
  const { t } = useTranslation();
  const helpId = useId();
  const [text, setText] = useState(props.initialText);
  const input = useRef<HTMLInputElement>(null);
  // Enter commits and then unmounts the field, which blurs it: the blur
  // must not commit a second time.
  const finished = useRef(false);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  function finish(action: () => void) {
    if (!finished.current) {
      finished.current = true;
      action();
    }
  }

  return (
    <div
      className="annotation-note-editor"
      style={{ left: props.at.x, top: props.at.y }}
      // A click in the field belongs to the field, not to the page under it.
      onPointerDown={(event) => event.stopPropagation()}
    >
      <input
        ref={input}
        type="text"
        value={text}
        maxLength={GRADE_LIMITS.annotationTextLength}
        aria-label={t('annotations.noteField')}
        aria-describedby={helpId}
        style={{ fontSize: Math.max(12, props.fontSize), color: props.color }}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            finish(() => props.onCommit(text, true));
          } else if (event.key === 'Escape') {
            // Escape belongs to the note: nothing behind it may act on it.
            event.preventDefault();
            event.stopPropagation();
            finish(props.onCancel);
          }
        }}
        onBlur={() => finish(() => props.onCommit(text, false))}
      />
      <span id={helpId} className="visually-hidden">
        {t('annotations.noteHelp')}
      </span>
    </div>
  );
}
