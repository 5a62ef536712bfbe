import { describe, expect, it } from 'vitest';

import {
  arrangeCopies,
  markingState,
  neighbourCopy,
  nextCopyToMark,
  type CopyListEntry,
} from '../../../../../renderer/core/marking/copy-list';
import type { GradeSummary } from '../../../../../renderer/core/store/rows';
import {
  IN_SYNC,
  type CopySyncState,
} from '../../../../../renderer/core/sync/copy-sync-state';
import { copyRow } from '../store/test-store';

function summary(overrides: Partial<GradeSummary> = {}): GradeSummary {
  return {
    status: 'draft',
    flags: [],
    markedCount: 1,
    annotationCount: 0,
    hasComment: false,
    ...overrides,
  };
}

function entry(
  id: string,
  code: string,
  gradeSummary: GradeSummary | null,
  total: number | null,
  extra: Partial<CopyListEntry> = {},
): CopyListEntry {
  return {
    copy: copyRow(id, { anonymousCode: code }),
    summary: gradeSummary,
    total,
    reportCount: 0,
    sync: IN_SYNC,
    ...extra,
  };
}

function sync(overrides: Partial<CopySyncState>): CopySyncState {
  return { ...IN_SYNC, ...overrides };
}

const entries = [
  entry('c1', 'A10', summary({ status: 'final' }), 1200),
  entry('c2', 'A2', null, null),
  entry('c3', 'A3', summary({ flags: ['illegible'] }), 800),
  entry('c4', 'A4', summary({ markedCount: 0 }), 0),
  entry('c5', 'A5', null, null, { reportCount: 1 }),
  entry('c6', 'A6', summary(), 1500, {
    copy: copyRow('c6', {
      anonymousCode: 'A6',
      withdrawnAt: '2026-06-20T10:00:00Z',
    }),
  }),
];

const ids = (list: CopyListEntry[]) => list.map((item) => item.copy.id);

describe('markingState', () => {
  it('tells unmarked, draft and final apart', () => {
    expect(markingState(null)).toBe('unmarked');
    expect(markingState(summary({ markedCount: 0 }))).toBe('unmarked');
    expect(markingState(summary({ markedCount: 0, hasComment: true }))).toBe(
      'draft',
    );
    expect(markingState(summary())).toBe('draft');
    expect(markingState(summary({ status: 'final' }))).toBe('final');
  });
});

describe('arrangeCopies', () => {
  it('sorts by code with numbers in order and leaves out withdrawn copies', () => {
    expect(ids(arrangeCopies(entries, 'all', 'code'))).toEqual([
      'c2',
      'c3',
      'c4',
      'c5',
      'c1',
    ]);
  });

  it('filters by marking state and flags', () => {
    expect(ids(arrangeCopies(entries, 'unmarked', 'code'))).toEqual([
      'c2',
      'c4',
      'c5',
    ]);
    expect(ids(arrangeCopies(entries, 'draft', 'code'))).toEqual(['c3']);
    expect(ids(arrangeCopies(entries, 'final', 'code'))).toEqual(['c1']);
    expect(ids(arrangeCopies(entries, 'flagged', 'code'))).toEqual([
      'c3',
      'c5',
    ]);
  });

  it('sorts by total with unknown totals last', () => {
    expect(ids(arrangeCopies(entries, 'all', 'total-descending'))).toEqual([
      'c1',
      'c3',
      'c4',
      'c2',
      'c5',
    ]);
    expect(ids(arrangeCopies(entries, 'all', 'total-ascending'))).toEqual([
      'c4',
      'c3',
      'c1',
      'c2',
      'c5',
    ]);
  });
});

describe('sync state in the list', () => {
  const withdrawn = copyRow('c7', {
    anonymousCode: 'A7',
    withdrawnAt: '2026-06-20T10:00:00Z',
  });
  const synced = [
    entry('c1', 'A1', summary(), 100),
    entry('c2', 'A2', summary(), 200, { sync: sync({ pending: true }) }),
    entry('c3', 'A3', summary(), 300, { sync: sync({ conflict: true }) }),
    entry('c4', 'A4', summary(), 400, { sync: sync({ refused: 'locked' }) }),
    entry('c5', 'A5', summary(), 500, {
      sync: sync({ changedOnServer: true }),
    }),
    entry('c6', 'A6', summary(), 600, {
      sync: sync({ needsAttention: true }),
    }),
    entry('c7', 'A7', summary(), 700, {
      copy: withdrawn,
      sync: sync({ refused: 'withdrawn' }),
    }),
    entry('c8', 'A8', summary(), 800, {
      copy: copyRow('c8', {
        anonymousCode: 'A8',
        withdrawnAt: '2026-06-20T10:00:00Z',
      }),
    }),
  ];

  it('to-check keeps copies the examiner must act on', () => {
    expect(ids(arrangeCopies(synced, 'to-check', 'code'))).toEqual([
      'c3',
      'c4',
      'c5',
      'c6',
      'c7',
    ]);
  });

  it('a pending push alone is not to check', () => {
    expect(ids(arrangeCopies(synced, 'to-check', 'code'))).not.toContain('c2');
  });

  it('keeps withdrawn copies with unsent work', () => {
    const shown = ids(arrangeCopies(synced, 'all', 'code'));

    expect(shown).toContain('c7');
    expect(shown).not.toContain('c8');
  });

  it('next copy to mark skips withdrawn copies', () => {
    const order = arrangeCopies(synced, 'all', 'code');

    expect(nextCopyToMark(order, 'c6')).toBe('c1');
  });
});

describe('moving through copies', () => {
  const order = arrangeCopies(entries, 'all', 'code');

  it('goes to the neighbour and stops at the ends', () => {
    expect(neighbourCopy(order, 'c3', 1)).toBe('c4');
    expect(neighbourCopy(order, 'c3', -1)).toBe('c2');
    expect(neighbourCopy(order, 'c2', -1)).toBeNull();
    expect(neighbourCopy(order, 'c1', 1)).toBeNull();
  });

  it('starts at the first copy when the current one is filtered out', () => {
    expect(neighbourCopy(order, 'c6', 1)).toBe('c2');
  });

  it('finds the next copy that is not final, wrapping around', () => {
    expect(nextCopyToMark(order, 'c5')).toBe('c2');
    expect(nextCopyToMark(order, 'c2')).toBe('c3');
    const allFinal = order.map((item) => ({
      ...item,
      summary: summary({ status: 'final' }),
    }));
    expect(nextCopyToMark(allFinal, 'c2')).toBeNull();
  });
});
