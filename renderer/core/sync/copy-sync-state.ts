/**
 * The sync state of one copy's grade, as the copy list and the marking
 * panel show it. It is read from the rows kept in clear (outbox entry,
 * conflict, grade) and, for scheme changes, from the decrypted marks.
 */
import type { GradeStatus, MarkingScheme } from '../../../shared/api/schemas';
import { invalidMarks, unmarkedQuestions } from '../marking/grade-rules';
import type { GradeRow, OutboxRow, ParkReason } from '../store/rows';

/** The reason the server rejected a push for good, conflicts apart. */
export type RefusalReason = Exclude<ParkReason, 'conflict'>;

export interface CopySyncState {
  /** True while a local edit waits to be pushed (not parked). */
  pending: boolean;
  /** True while the server's version waits beside the local one. */
  conflict: boolean;
  /** The reason the server rejected the last push for good, or null. */
  refused: RefusalReason | null;
  /**
   * True when someone else's version replaced the local grade and the
   * examiner has not dismissed the notice yet.
   */
  changedOnServer: boolean;
  /** True when a changed scheme no longer accepts the grade as it is. */
  needsAttention: boolean;
}

/** The state of a copy with nothing to send and nothing to check. */
export const IN_SYNC: CopySyncState = {
  pending: false,
  conflict: false,
  refused: null,
  changedOnServer: false,
  needsAttention: false,
};

/**
 * Reads a copy's state from its rows. `needsAttention` is computed by the
 * caller with `failingQuestions`, because that needs the decrypted marks.
 */
export function readCopySyncState(rows: {
  outbox: OutboxRow | undefined;
  hasConflict: boolean;
  grade: GradeRow | undefined;
  needsAttention: boolean;
}): CopySyncState {
  const parked = rows.outbox?.parked ?? null;
  return {
    pending: rows.outbox !== undefined && parked === null,
    // A push parked as a conflict whose conflict row is missing still
    // waits for a choice; the store keeps the two together.
    conflict: rows.hasConflict || parked?.reason === 'conflict',
    refused:
      parked === null || parked.reason === 'conflict' ? null : parked.reason,
    changedOnServer: (rows.grade?.serverChange ?? null) !== null,
    needsAttention: rows.needsAttention,
  };
}

/** Tests whether the copy has local work that the server does not have. */
export function hasUnsyncedWork(state: CopySyncState): boolean {
  return state.pending || state.conflict || state.refused !== null;
}

/** Tests whether the examiner should look at the copy again. */
export function needsChecking(state: CopySyncState): boolean {
  return (
    state.conflict ||
    state.refused !== null ||
    state.changedOnServer ||
    state.needsAttention
  );
}

/**
 * Lists the questions whose stored mark `scheme` rejects (out of bounds or
 * step, or a question it no longer has) and, for a final grade, the
 * questions it lacks, in that order and without repeats.
 */
export function failingQuestions(
  scheme: MarkingScheme,
  grade: { status: GradeStatus; marks: Readonly<Record<string, number>> },
): string[] {
  const ids = new Set(
    invalidMarks(scheme, grade.marks).map((mark) => mark.questionId),
  );
  if (grade.status === 'final') {
    for (const id of unmarkedQuestions(scheme, grade.marks)) {
      ids.add(id);
    }
  }
  return [...ids];
}
