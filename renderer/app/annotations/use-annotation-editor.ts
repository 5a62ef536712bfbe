/**
 * The state of the annotation editor for one copy: the chosen tool and
 * colour, the selection, the open text note, and the undo history of the
 * copy's annotation list. The workspace owns the list and saves it. Every
 * committed action calls `onChange` once with the whole new list.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import type { Annotation } from '../../../shared/api/schemas';
import {
  DEFAULT_COLOR,
  nextColor,
} from '../../core/annotations/annotation-colors';
import {
  createSyncedHistory,
  receiveList,
  recordChange,
  redo as redoHistory,
  sendVersion,
  undo as undoHistory,
  type SyncedHistory,
} from '../../core/annotations/annotation-history';
import {
  addAnnotation,
  removeAnnotations,
  replaceAnnotation,
} from '../../core/annotations/annotation-list';
import type { DrawableAnnotation } from '../../core/annotations/annotation-shapes';
import type { Point } from '../../core/annotations/page-transform';
import {
  parseAnnotation,
  type ParsedAnnotation,
} from '../../core/annotations/parse-annotation';
import type { AnnotationTool } from './annotation-tools';
import { useEditorShortcuts } from './use-editor-shortcuts';

export interface AnnotationEditorOptions {
  /** The copy being annotated: another copy starts a new history. */
  copyId: string;
  /** The copy's annotations as stored. */
  annotations: readonly Annotation[];
  /** Saves the copy's new annotation list. */
  onChange: (next: Annotation[]) => void;
  /** Shows the annotations without letting them change (a locked grade). */
  readOnly?: boolean;
  /**
   * Whether the tool, colour, delete and undo shortcuts act on the window's
   * key presses. Turn it off while another editor owns the keyboard, such as
   * the second copy of a side-by-side view. Defaults to true.
   */
  shortcutsEnabled?: boolean;
}

/** A text note being written or edited. */
export interface TextEdit {
  page: number;
  /** The note being edited, or null for a new one. */
  id: string | null;
  /** Top left corner of the note, in page-relative units. */
  at: Point;
  text: string;
}

export interface AnnotationEditor {
  /** The copy's annotations as shown now, drawable or not. */
  annotations: readonly Annotation[];
  /** The annotations that can be drawn, bottom first. */
  drawable: readonly DrawableAnnotation[];
  /** How many annotations are kept but not drawn (unknown or malformed). */
  hiddenCount: number;
  readOnly: boolean;
  tool: AnnotationTool;
  setTool: (tool: AnnotationTool) => void;
  /** `#rrggbb` of the next annotation. */
  color: string;
  /** Chooses the colour, and recolours the selected annotation. */
  setColor: (color: string) => void;
  cycleColor: () => void;
  selectedId: string | null;
  select: (id: string | null) => void;
  canUndo: boolean;
  canRedo: boolean;
  undo: () => void;
  redo: () => void;
  /** Records `next` for undo and saves it: one committed action. */
  commit: (next: Annotation[]) => void;
  add: (annotation: Annotation) => void;
  replace: (annotation: Annotation) => void;
  remove: (ids: Iterable<string>) => void;
  deleteSelected: () => void;
  textEdit: TextEdit | null;
  setTextEdit: (edit: TextEdit | null) => void;
}

interface EditorState {
  copyId: string;
  synced: SyncedHistory;
  tool: AnnotationTool;
  color: string;
  selectedId: string | null;
  textEdit: TextEdit | null;
}

/** Keeps the annotation editor's state for one copy at a time. */
export function useAnnotationEditor(
  options: AnnotationEditorOptions,
): AnnotationEditor {
  const { copyId, annotations } = options;
  const readOnly = options.readOnly ?? false;
  const [state, setState] = useState<EditorState>(() => ({
    copyId,
    synced: createSyncedHistory(annotations),
    tool: 'pen',
    color: DEFAULT_COLOR,
    selectedId: null,
    textEdit: null,
  }));

  // Several events can arrive before React renders again, so each action
  // reads the latest state from this ref rather than from the render.
  const latest = useRef(state);
  const onChange = useRef(options.onChange);
  onChange.current = options.onChange;
  const readOnlyRef = useRef(readOnly);
  readOnlyRef.current = readOnly;

  const update = useCallback((next: EditorState) => {
    latest.current = next;
    setState(next);
  }, []);

  useEffect(() => {
    const current = latest.current;
    if (current.copyId !== copyId) {
      update({
        ...current,
        copyId,
        synced: createSyncedHistory(annotations),
        selectedId: null,
        textEdit: null,
      });
      return;
    }
    const synced = receiveList(current.synced, annotations);
    if (synced !== current.synced) {
      update({ ...current, synced });
    }
  }, [copyId, annotations, update]);

  const moveHistory = useCallback(
    (step: typeof undoHistory) => {
      const current = latest.current;
      if (readOnlyRef.current) {
        return;
      }
      const history = step(current.synced.history);
      if (history === current.synced.history) {
        return;
      }
      update({ ...current, synced: sendVersion(current.synced, history) });
      onChange.current([...history.present]);
    },
    [update],
  );

  const commit = useCallback(
    (next: Annotation[]) => {
      const current = latest.current;
      if (readOnlyRef.current) {
        return;
      }
      const history = recordChange(current.synced.history, next);
      update({ ...current, synced: sendVersion(current.synced, history) });
      onChange.current([...next]);
    },
    [update],
  );

  const present = state.synced.history.present;
  // Edits keep the annotations they do not change, so caching the parse
  // per stored object lets an unchanged annotation skip drawing again.
  const parseCache = useRef(new WeakMap<Annotation, ParsedAnnotation>());
  const parsed = useMemo(
    () => present.map((entry) => parseCached(entry, parseCache.current)),
    [present],
  );
  const drawable = useMemo(
    () =>
      parsed.flatMap((entry) =>
        entry.status === 'drawable' ? [entry.annotation] : [],
      ),
    [parsed],
  );
  const selectedId = drawable.some(
    (entry) => entry.source.id === state.selectedId,
  )
    ? state.selectedId
    : null;

  const actions = useMemo(() => {
    const current = () => latest.current.synced.history.present;
    const selection = () => {
      const id = latest.current.selectedId;
      return current().find((entry) => entry.id === id) ?? null;
    };
    return {
      commit,
      undo: () => moveHistory(undoHistory),
      redo: () => moveHistory(redoHistory),
      add: (annotation: Annotation) =>
        commit(addAnnotation(current(), annotation)),
      replace: (annotation: Annotation) =>
        commit(replaceAnnotation(current(), annotation)),
      remove: (ids: Iterable<string>) => {
        const next = removeAnnotations(current(), ids);
        if (next.length !== current().length) {
          commit(next);
        }
      },
      deleteSelected: () => {
        const selected = selection();
        if (selected !== null) {
          commit(removeAnnotations(current(), [selected.id]));
        }
      },
      setTool: (tool: AnnotationTool) =>
        update({
          ...latest.current,
          tool,
          selectedId: tool === 'select' ? latest.current.selectedId : null,
        }),
      setColor: (color: string) => {
        update({ ...latest.current, color });
        const selected = selection();
        if (selected !== null && selected.color !== color) {
          commit(replaceAnnotation(current(), { ...selected, color }));
        }
      },
      select: (id: string | null) =>
        update({ ...latest.current, selectedId: id }),
      setTextEdit: (textEdit: TextEdit | null) =>
        update({ ...latest.current, textEdit }),
    };
  }, [commit, moveHistory, update]);

  const cycleColor = useCallback(
    () => actions.setColor(nextColor(latest.current.color)),
    [actions],
  );

  const editor: AnnotationEditor = {
    ...actions,
    annotations: present,
    drawable,
    hiddenCount: parsed.length - drawable.length,
    readOnly,
    tool: state.tool,
    color: state.color,
    cycleColor,
    selectedId,
    canUndo: !readOnly && state.synced.history.past.length > 0,
    canRedo: !readOnly && state.synced.history.future.length > 0,
    textEdit: readOnly ? null : state.textEdit,
  };

  useEditorShortcuts(editor, options.shortcutsEnabled ?? true);
  return editor;
}

function parseCached(
  annotation: Annotation,
  cache: WeakMap<Annotation, ParsedAnnotation>,
): ParsedAnnotation {
  // A malformed row may not even be an object, which a WeakMap rejects.
  if (typeof annotation !== 'object' || annotation === null) {
    return parseAnnotation(annotation);
  }
  let parsed = cache.get(annotation);
  if (parsed === undefined) {
    parsed = parseAnnotation(annotation);
    cache.set(annotation, parsed);
  }
  return parsed;
}
