/**
 * Undo and redo over a copy's annotation list. Each entry is a whole list.
 * Edits share the annotations they do not change, so a version costs one
 * array, not a copy of every stroke.
 */
import type { Annotation } from '../../../shared/api/schemas';
import { sameAnnotationList } from './annotation-list';

type AnnotationList = readonly Annotation[];

export interface AnnotationHistory {
  /** Earlier versions, oldest first. */
  readonly past: readonly AnnotationList[];
  readonly present: AnnotationList;
  /** Undone versions, the next to redo last. */
  readonly future: readonly AnnotationList[];
  /** Maximum number of versions kept in `past`. */
  readonly limit: number;
}

/** Versions kept for undo: more than a marking session of one copy needs. */
export const DEFAULT_HISTORY_LIMIT = 100;

export function createHistory(
  present: AnnotationList,
  limit = DEFAULT_HISTORY_LIMIT,
): AnnotationHistory {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`History limit ${limit} must be a positive integer`);
  }
  return { past: [], present, future: [], limit };
}

/**
 * Records `next` as the present. The oldest version goes once `past` is
 * full, and a new edit clears what was undone.
 */
export function recordChange(
  history: AnnotationHistory,
  next: AnnotationList,
): AnnotationHistory {
  const past = [...history.past, history.present].slice(-history.limit);
  return { ...history, past, present: next, future: [] };
}

/** Returns the history one step back, or `history` itself when there is none. */
export function undo(history: AnnotationHistory): AnnotationHistory {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) {
    return history;
  }
  return {
    ...history,
    past: history.past.slice(0, -1),
    present: previous,
    future: [...history.future, history.present],
  };
}

/** Returns the history one step forward, or `history` itself when there is none. */
export function redo(history: AnnotationHistory): AnnotationHistory {
  const next = history.future[history.future.length - 1];
  if (next === undefined) {
    return history;
  }
  return {
    ...history,
    past: [...history.past, history.present].slice(-history.limit),
    present: next,
    future: history.future.slice(0, -1),
  };
}

/**
 * The history of an editor that saves each version through a store and
 * reads the saved list back. `unconfirmed` contains the versions sent to the
 * store that have not come back yet, oldest first.
 */
export interface SyncedHistory {
  readonly history: AnnotationHistory;
  readonly unconfirmed: readonly AnnotationList[];
}

/** Versions sent and not read back that are remembered, to bound memory. */
const MAX_UNCONFIRMED = 20;

export function createSyncedHistory(
  present: AnnotationList,
  limit = DEFAULT_HISTORY_LIMIT,
): SyncedHistory {
  return { history: createHistory(present, limit), unconfirmed: [] };
}

/**
 * Moves the history to `history` and remembers its present as sent to the
 * store. The caller saves `history.present` when it differs from before.
 */
export function sendVersion(
  synced: SyncedHistory,
  history: AnnotationHistory,
): SyncedHistory {
  if (history === synced.history) {
    return synced;
  }
  return {
    history,
    unconfirmed: [...synced.unconfirmed, history.present].slice(
      -MAX_UNCONFIRMED,
    ),
  };
}

/**
 * Takes in the list that the store contains now. A list this editor sent is an
 * echo: it confirms that version and every older one, and changes nothing
 * on screen, even when later edits have not come back yet. Any other list
 * was written by someone else (a sync, another tab): it becomes the present
 * and the history starts again from it, so an undo can never write back a
 * version older than another writer's change.
 */
export function receiveList(
  synced: SyncedHistory,
  incoming: AnnotationList,
): SyncedHistory {
  const echoIndex = synced.unconfirmed.findIndex((sent) =>
    sameAnnotationList(sent, incoming),
  );
  if (echoIndex !== -1) {
    return {
      history: synced.history,
      unconfirmed: synced.unconfirmed.slice(echoIndex + 1),
    };
  }
  if (sameAnnotationList(synced.history.present, incoming)) {
    return synced;
  }
  return createSyncedHistory(incoming, synced.history.limit);
}
