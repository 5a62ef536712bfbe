import { describe, expect, it } from 'vitest';

import type { MarkingScheme } from '../../../../../shared/api/schemas';
import type {
  GradeRow,
  OutboxParking,
  OutboxRow,
} from '../../../../../renderer/core/store/rows';
import {
  failingQuestions,
  hasUnsyncedWork,
  IN_SYNC,
  needsChecking,
  readCopySyncState,
} from '../../../../../renderer/core/sync/copy-sync-state';

const scheme: MarkingScheme = {
  id: 's1',
  version: 2,
  title: 'Dissertation',
  totalPoints: 20,
  questions: [
    { id: 'q1', label: 'Introduction', maxPoints: 4, step: 0.5 },
    { id: 'q2', label: 'Développement', maxPoints: 12, step: 0.25 },
    { id: 'q3', label: 'Conclusion', maxPoints: 4, step: 0.5 },
  ],
};

function outbox(parked: OutboxParking | null = null): OutboxRow {
  return {
    copyId: 'c1',
    idempotencyKey: 'k1',
    createdAt: '2026-06-20T10:00:00Z',
    updatedAt: '2026-06-20T10:00:00Z',
    sentAt: null,
    attempts: 0,
    lastError: null,
    parked,
  };
}

function parking(reason: OutboxParking['reason']): OutboxParking {
  return { reason, status: 423, detail: 'closed', parkedAt: '2026-06-20' };
}

function gradeRow(overrides: Partial<GradeRow> = {}): GradeRow {
  return {
    copyId: 'c1',
    baseVersion: 2,
    updatedAt: '2026-06-20T10:00:00Z',
    editCount: 1,
    content: { iv: new Uint8Array(12), ciphertext: new Uint8Array(4) },
    ...overrides,
  } as GradeRow;
}

const none = {
  outbox: undefined,
  hasConflict: false,
  grade: undefined,
  needsAttention: false,
};

describe('readCopySyncState', () => {
  it('nothing stored is in sync', () => {
    expect(readCopySyncState(none)).toEqual(IN_SYNC);
  });

  it('an unparked entry is pending', () => {
    const state = readCopySyncState({ ...none, outbox: outbox() });

    expect(state.pending).toBe(true);
    expect(state.refused).toBeNull();
    expect(hasUnsyncedWork(state)).toBe(true);
    expect(needsChecking(state)).toBe(false);
  });

  it('a parked entry is refused with its reason', () => {
    const state = readCopySyncState({
      ...none,
      outbox: outbox(parking('locked')),
    });

    expect(state.pending).toBe(false);
    expect(state.refused).toBe('locked');
    expect(needsChecking(state)).toBe(true);
  });

  it('a conflict row or a conflict parking is a conflict', () => {
    const byRow = readCopySyncState({ ...none, hasConflict: true });
    const byParking = readCopySyncState({
      ...none,
      outbox: outbox(parking('conflict')),
    });

    expect(byRow.conflict).toBe(true);
    expect(byParking.conflict).toBe(true);
    expect(byParking.refused).toBeNull();
    expect(byParking.pending).toBe(false);
  });

  it('a server change notice shows until dismissed', () => {
    const changed = readCopySyncState({
      ...none,
      grade: gradeRow({
        serverChange: {
          version: 3,
          updatedBy: 'chef-id',
          updatedAt: '2026-06-20T11:00:00Z',
          receivedAt: '2026-06-20T11:01:00Z',
        },
      }),
    });
    const dismissed = readCopySyncState({
      ...none,
      grade: gradeRow({ serverChange: null }),
    });

    expect(changed.changedOnServer).toBe(true);
    expect(needsChecking(changed)).toBe(true);
    expect(hasUnsyncedWork(changed)).toBe(false);
    expect(dismissed.changedOnServer).toBe(false);
  });
});

describe('failingQuestions', () => {
  it('finds marks outside the current bounds or step', () => {
    expect(
      failingQuestions(scheme, { status: 'draft', marks: { q1: 5, q2: 0.1 } }),
    ).toEqual(['q1', 'q2']);
  });

  it('finds questions a removed question left behind', () => {
    expect(
      failingQuestions(scheme, { status: 'draft', marks: { q9: 1 } }),
    ).toEqual(['q9']);
  });

  it('adds unmarked questions of a final grade once', () => {
    expect(
      failingQuestions(scheme, { status: 'final', marks: { q1: 5, q2: 6 } }),
    ).toEqual(['q1', 'q3']);
  });

  it('accepts a valid draft with questions left', () => {
    expect(
      failingQuestions(scheme, { status: 'draft', marks: { q1: 2 } }),
    ).toEqual([]);
  });
});
