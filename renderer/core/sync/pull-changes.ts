/**
 * Follows GET /changes from the stored cursor and applies each page in one
 * transaction that also moves the cursor, so a crash between the two never
 * skips a change. Batches, copies and schemes are read again whole when a
 * page names any of them (the changes say what changed, not how); grades
 * changed by someone else are read one by one.
 */
import type { Change } from '../../../shared/api/schemas';
import type { ApiClient } from '../api/api-client';
import { ApiError } from '../api/errors';
import {
  CHANGES_CURSOR_KEY,
  readChangesCursor,
} from '../assignments/changes-cursor';
import { fetchBatchDetails } from '../assignments/fetch-batch-details';
import { refreshAssignments } from '../assignments/refresh-assignments';
import { storeAssignments } from '../assignments/store-assignments';
import { SILENT_LOGGER, type Logger } from '../download/logger';
import type { CopydeskDatabase } from '../store/database';
import type { GradeStore } from '../store/grades';
import { withQuotaCheck } from '../store/quota';
import type {
  ServerGradeOutcome,
  ServerGradeStore,
} from '../store/server-grades';
import {
  findGradesNeedingAttention,
  type SchemeAttention,
} from './scheme-attention';
import {
  markServerGradesStale,
  readServerGrades,
} from './server-grade-download';
import { removeWithdrawnCopies } from './withdrawn-copies';

export interface PullContext {
  db: CopydeskDatabase;
  grades: Pick<GradeStore, 'readGrade'>;
  serverGrades: Pick<
    ServerGradeStore,
    'prepareServerGrade' | 'applyPreparedServerGrade'
  >;
  api: Pick<
    ApiClient,
    'getChanges' | 'getAssignments' | 'getBatch' | 'getGrade'
  >;
  logger?: Logger;
  now?: () => Date;
  signal?: AbortSignal;
}

/** The changes one pull applied. */
export interface PullSummary {
  /** Changes read from the feed. */
  changes: number;
  /** True when the assignments were read again from scratch (no cursor, 400 or 410). */
  reloaded: boolean;
  /** Local grades replaced by a version written by someone else. */
  gradesReplaced: string[];
  /** Copies whose server change met a pending local edit. */
  conflicts: string[];
  /** Copies removed from the store after their withdrawal, all synced. */
  removedCopies: string[];
  /** Copies kept after their withdrawal, because something is unsynced. */
  keptWithdrawnCopies: string[];
  /** Batches with a copy added or rescanned, whose scans need downloading. */
  batchesWithNewScans: string[];
  /** Grades that a changed scheme no longer accepts as they are. */
  attention: SchemeAttention[];
}

// A feed that keeps returning `more: true` is a server fault; this bounds
// one pull at 1,000 pages (500,000 changes at the reference server's size).
const MAX_PAGES = 1_000;

const STRUCTURAL_KINDS = new Set<Change['kind']>([
  'batch-assigned',
  'batch-updated',
  'batch-withdrawn',
  'copy-added',
  'copy-withdrawn',
  'copy-rescanned',
  'scheme-updated',
]);

/**
 * Pulls every change after the stored cursor. Raises what the API client
 * raises (`NetworkError`, `SignInRequiredError`, `ApiError`); the pages
 * applied before the failure stay applied.
 */
export async function pullChanges(context: PullContext): Promise<PullSummary> {
  const { db, api, signal } = context;
  const logger = context.logger ?? SILENT_LOGGER;
  const summary: PullSummary = {
    changes: 0,
    reloaded: false,
    gradesReplaced: [],
    conflicts: [],
    removedCopies: [],
    keptWithdrawnCopies: [],
    batchesWithNewScans: [],
    attention: [],
  };

  for (let page = 0; page < MAX_PAGES; page += 1) {
    const cursor = await readChangesCursor(db);
    if (cursor === null) {
      await reload(context, summary, 'no cursor stored');
      continue;
    }

    let response;
    try {
      response = await api.getChanges(cursor, signal);
    } catch (error) {
      // 410: the changes were pruned. 400: the server does not know the
      // cursor, as after a restore of its database. Either way only a
      // full reload is safe, and once per pull is enough.
      if (
        error instanceof ApiError &&
        (error.status === 410 || error.status === 400) &&
        !summary.reloaded
      ) {
        await reload(context, summary, `changes answered ${error.status}`);
        continue;
      }
      throw error;
    }

    await applyPage(context, response.changes, response.cursor, summary);
    if (!response.more) {
      break;
    }
  }

  if (summary.changes > 0 || summary.reloaded) {
    logger.info('changes pulled', {
      changes: summary.changes,
      reloaded: summary.reloaded,
      gradesReplaced: summary.gradesReplaced.length,
      conflicts: summary.conflicts.length,
      removedCopies: summary.removedCopies.length,
      attention: summary.attention.length,
    });
  }
  return summary;
}

async function reload(
  context: PullContext,
  summary: PullSummary,
  why: string,
): Promise<void> {
  context.logger?.info('assignments reloaded', { why });
  await refreshAssignments({
    api: context.api,
    db: context.db,
    logger: context.logger,
    signal: context.signal,
    now: context.now,
  });
  await markServerGradesStale(context.db);
  summary.reloaded = true;
}

async function applyPage(
  context: PullContext,
  changes: readonly Change[],
  cursor: string,
  summary: PullSummary,
): Promise<void> {
  const { db, api, signal } = context;
  const now = (context.now ?? (() => new Date()))().toISOString();
  summary.changes += changes.length;

  // Everything the page needs from the server is read first, and
  // encrypted, because an IndexedDB transaction cannot wait on either.
  const structural = changes.some((change) =>
    STRUCTURAL_KINDS.has(change.kind),
  );
  let assignments = null;
  let details = null;
  if (structural) {
    assignments = await api.getAssignments(signal);
    details = await fetchBatchDetails(
      api,
      assignments.batches.map((batch) => batch.id),
      4,
      signal,
    );
  }

  const serverGrades = await readServerGrades(
    api,
    uniqueCopyIds(changes, 'grade-changed'),
    signal,
  );
  const prepared = await Promise.all(
    serverGrades.map((grade) => context.serverGrades.prepareServerGrade(grade)),
  );
  const withdrawnIds = uniqueCopyIds(changes, 'copy-withdrawn');

  const write = () =>
    db.transaction(
      'rw',
      [
        db.batches,
        db.schemes,
        db.copies,
        db.scans,
        db.partials,
        db.kv,
        db.grades,
        db.outbox,
        db.conflicts,
        db.ocr,
        db.ocrChecks,
        db.pageViews,
        db.markingTimes,
        db.reports,
      ],
      async () => {
        if (assignments !== null && details !== null) {
          await storeAssignments(db, assignments, details, now);
        }

        const outcomes: [string, ServerGradeOutcome][] = [];
        for (const item of prepared) {
          outcomes.push([
            item.grade.copyId,
            await context.serverGrades.applyPreparedServerGrade(item),
          ]);
        }

        const removal = await removeWithdrawnCopies(db, withdrawnIds);
        await db.kv.put({ key: CHANGES_CURSOR_KEY, value: cursor });
        return { outcomes, removal };
      },
    );

  const { outcomes, removal } = await withQuotaCheck(
    write,
    `Not enough storage space to apply ${changes.length} changes from the server; nothing of them was stored. Free disk space, then sync again.`,
  );

  for (const [copyId, outcome] of outcomes) {
    if (outcome === 'replaced') {
      summary.gradesReplaced.push(copyId);
    } else if (outcome === 'conflict') {
      summary.conflicts.push(copyId);
    }
  }
  summary.removedCopies.push(...removal.removed);
  summary.keptWithdrawnCopies.push(...removal.kept);

  for (const change of changes) {
    if (
      (change.kind === 'copy-added' || change.kind === 'copy-rescanned') &&
      change.batchId !== undefined &&
      !summary.batchesWithNewScans.includes(change.batchId)
    ) {
      summary.batchesWithNewScans.push(change.batchId);
    }
  }

  const schemeIds = changes
    .filter((change) => change.kind === 'scheme-updated')
    .map((change) => change.schemeId)
    .filter((id): id is string => id !== undefined);
  if (schemeIds.length > 0) {
    summary.attention.push(
      ...(await findGradesNeedingAttention(db, context.grades, schemeIds, now)),
    );
  }
}

function uniqueCopyIds(
  changes: readonly Change[],
  kind: Change['kind'],
): string[] {
  const ids = new Set<string>();
  for (const change of changes) {
    if (change.kind === kind && change.copyId !== undefined) {
      ids.add(change.copyId);
    }
  }
  return [...ids];
}
