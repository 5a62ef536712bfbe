/**
 * The copy list of the marking workspace: each copy's marking state and
 * sync state, filters, sorting by total, and moving to the next copy.
 */
import type { CopyRow, GradeSummary } from '../store/rows';
import {
  hasUnsyncedWork,
  needsChecking,
  type CopySyncState,
} from '../sync/copy-sync-state';

/** The progress of one copy's marking. */
export type MarkingState = 'unmarked' | 'draft' | 'final';

export const COPY_FILTERS = [
  'all',
  'unmarked',
  'draft',
  'final',
  'flagged',
  'to-check',
] as const;
export type CopyFilter = (typeof COPY_FILTERS)[number];

export const COPY_SORTS = [
  'code',
  'total-ascending',
  'total-descending',
] as const;
export type CopySort = (typeof COPY_SORTS)[number];

/** One copy as the list shows it. */
export interface CopyListEntry {
  copy: CopyRow;
  /** The grade's clear summary, or null when the copy has no local grade. */
  summary: GradeSummary | null;
  /** Total in hundredths, or null when it is not known (no grade, or no key yet). */
  total: number | null;
  /** Scan reports filed for the copy and not rejected. */
  reportCount: number;
  sync: CopySyncState;
}

/** Returns the copy's marking state from its grade summary. */
export function markingState(summary: GradeSummary | null): MarkingState {
  if (summary === null) {
    return 'unmarked';
  }
  if (summary.status === 'final') {
    return 'final';
  }
  const touched =
    summary.markedCount > 0 ||
    summary.annotationCount > 0 ||
    summary.hasComment ||
    summary.flags.length > 0;
  return touched ? 'draft' : 'unmarked';
}

/** Returns whether the copy carries a flag or a scan report. */
export function isFlagged(entry: CopyListEntry): boolean {
  return (entry.summary?.flags.length ?? 0) > 0 || entry.reportCount > 0;
}

/** Returns whether the entry passes the filter. */
export function matchesFilter(
  entry: CopyListEntry,
  filter: CopyFilter,
): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'flagged':
      return isFlagged(entry);
    case 'to-check':
      return needsChecking(entry.sync);
    default:
      return markingState(entry.summary) === filter;
  }
}

const codeCollator = new Intl.Collator('fr', { numeric: true });

function byCode(a: CopyListEntry, b: CopyListEntry): number {
  return codeCollator.compare(a.copy.anonymousCode, b.copy.anonymousCode);
}

/**
 * Filters and sorts the entries. Withdrawn copies are left out unless they
 * hold work the server does not have, which the examiner must still see.
 * Sorting by total puts copies without a total last in both directions,
 * then by code.
 */
export function arrangeCopies(
  entries: readonly CopyListEntry[],
  filter: CopyFilter,
  sort: CopySort,
): CopyListEntry[] {
  const shown = entries.filter(
    (entry) =>
      (entry.copy.withdrawnAt === null || hasUnsyncedWork(entry.sync)) &&
      matchesFilter(entry, filter),
  );

  return shown.sort((a, b) => {
    if (sort !== 'code') {
      if (a.total === null || b.total === null) {
        if (a.total !== b.total) {
          return a.total === null ? 1 : -1;
        }
      } else if (a.total !== b.total) {
        return sort === 'total-ascending'
          ? a.total - b.total
          : b.total - a.total;
      }
    }
    return byCode(a, b);
  });
}

/**
 * Returns the id of the copy after (`+1`) or before (`-1`) `copyId` in
 * `order`, or null at either end.
 */
export function neighbourCopy(
  order: readonly CopyListEntry[],
  copyId: string,
  direction: 1 | -1,
): string | null {
  const index = order.findIndex((entry) => entry.copy.id === copyId);
  if (index === -1) {
    return order[0]?.copy.id ?? null;
  }
  return order[index + direction]?.copy.id ?? null;
}

/**
 * Returns the id of the first copy after `copyId` that is neither final nor
 * withdrawn, wrapping around to the start, or null when there is none.
 */
export function nextCopyToMark(
  order: readonly CopyListEntry[],
  copyId: string,
): string | null {
  const start = order.findIndex((entry) => entry.copy.id === copyId);
  for (let offset = 1; offset <= order.length; offset += 1) {
    const entry = order[(start + offset) % order.length]!;
    if (
      entry.copy.id !== copyId &&
      entry.copy.withdrawnAt === null &&
      markingState(entry.summary) !== 'final'
    ) {
      return entry.copy.id;
    }
  }
  return null;
}
