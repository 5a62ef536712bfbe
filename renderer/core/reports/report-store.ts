/**
 * The scan reports in the local store: filing one, the reads the screens
 * and the session need, and the writes with which the sender records each
 * attempt. Every write runs in one transaction and changes a report only
 * while it is still pending, so a store cleared meanwhile stays cleared.
 */
import type { CopydeskDatabase } from '../store/database';
import { withQuotaCheck } from '../store/quota';
import type { ReportRow } from '../store/rows';
import { checkReportInput, type ReportInput } from './report-input';

/**
 * Checks the input against the stored copy and stores it as a pending
 * report. Raises `ReportInputError` for invalid input and
 * `StorageFullError` when there is no room; either way nothing is stored.
 */
export async function fileReport(
  db: CopydeskDatabase,
  input: ReportInput,
  now: Date = new Date(),
): Promise<ReportRow> {
  const write = () =>
    db.transaction('rw', [db.copies, db.reports], async () => {
      const copy = await db.copies.get(input.copyId);
      const checked = checkReportInput(input, copy);

      const row: ReportRow = {
        id: crypto.randomUUID(),
        copyId: input.copyId,
        kind: checked.kind,
        pages: checked.pages,
        note: checked.note,
        createdAt: now.toISOString(),
        state: 'pending',
        attempts: 0,
        lastError: null,
        serverId: null,
        sentAt: null,
        rejection: null,
      };
      await db.reports.add(row);
      return row;
    });

  return withQuotaCheck(
    write,
    `Not enough storage space to keep the report on copy ${input.copyId}, so it was not filed. Free disk space, then file it again.`,
  );
}

/** Returns the reports waiting to be sent, oldest first. */
export function readPendingReports(db: CopydeskDatabase): Promise<ReportRow[]> {
  return db.reports.where('state').equals('pending').sortBy('createdAt');
}

/**
 * Counts the reports waiting to be sent. The store must not be cleared for
 * another grader while this is above zero.
 */
export function countPendingReports(db: CopydeskDatabase): Promise<number> {
  return db.reports.where('state').equals('pending').count();
}

/** Returns a copy's reports in every state, newest first. */
export async function listCopyReports(
  db: CopydeskDatabase,
  copyId: string,
): Promise<ReportRow[]> {
  const rows = await db.reports
    .where('copyId')
    .equals(copyId)
    .sortBy('createdAt');
  return rows.reverse();
}

/**
 * Counts, per copy, the reports that are pending or sent: the reports the
 * exam office has or will have. Copies with none are left out.
 */
export async function countActiveReportsByCopy(
  db: CopydeskDatabase,
): Promise<Map<string, number>> {
  const rows = await db.reports
    .where('state')
    .anyOf('pending', 'sent')
    .toArray();

  const counts = new Map<string, number>();
  for (const row of rows) {
    counts.set(row.copyId, (counts.get(row.copyId) ?? 0) + 1);
  }
  return counts;
}

/**
 * Records that the server accepted the report as `serverId`. Returns false,
 * storing nothing, when the report is no longer pending.
 */
export function markReportSent(
  db: CopydeskDatabase,
  reportId: string,
  serverId: string,
  sentAt: Date,
): Promise<boolean> {
  return updatePending(db, reportId, (row) => ({
    ...row,
    state: 'sent',
    attempts: row.attempts + 1,
    lastError: null,
    serverId,
    sentAt: sentAt.toISOString(),
  }));
}

/**
 * Records a failed attempt and keeps the report pending, to send again.
 * Returns false, storing nothing, when the report is no longer pending.
 */
export function recordReportFailure(
  db: CopydeskDatabase,
  reportId: string,
  message: string,
): Promise<boolean> {
  return updatePending(db, reportId, (row) => ({
    ...row,
    attempts: row.attempts + 1,
    lastError: message,
  }));
}

/**
 * Records that the server rejected the report for good, with its reason.
 * The report is kept, so the examiner sees why. Returns false, storing
 * nothing, when the report is no longer pending.
 */
export function markReportRejected(
  db: CopydeskDatabase,
  reportId: string,
  status: number,
  detail: string,
  rejectedAt: Date,
): Promise<boolean> {
  return updatePending(db, reportId, (row) => ({
    ...row,
    state: 'rejected',
    attempts: row.attempts + 1,
    lastError: detail,
    rejection: { status, detail, rejectedAt: rejectedAt.toISOString() },
  }));
}

function updatePending(
  db: CopydeskDatabase,
  reportId: string,
  change: (row: ReportRow) => ReportRow,
): Promise<boolean> {
  return db.transaction('rw', db.reports, async () => {
    const row = await db.reports.get(reportId);
    if (row?.state !== 'pending') {
      return false;
    }

    await db.reports.put(change(row));
    return true;
  });
}
