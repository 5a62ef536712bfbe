/**
 * Exam office actions on a sitting after its import: replacing a copy's
 * scan (after a scan report), withdrawing a copy, closing a batch, and
 * listing the open scan reports. Each change reaches the assigned grader's client
 * through the changes feed.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';

import type { Kysely } from 'kysely';

import { recordChanges } from '../changes/feed';
import type { DatabaseHandle } from '../db/database';
import type { BatchRow, CopyRow, Database } from '../db/tables';
import { PdfChecker } from '../import/pdf-checker';
import { checkScanFile } from '../import/scan-file-check';
import type { ScanStorage } from '../storage/scan-storage';

/** Time limit for reading the replacement PDF, milliseconds. */
const PDF_TIMEOUT_MS = 30_000;

export class AdminError extends Error {}

/** A copy named by its id, or by its anonymous code and, if ambiguous, its sitting. */
export interface CopySelector {
  copy: string;
  sittingId?: string;
}

export async function findCopy(
  db: Kysely<Database>,
  selector: CopySelector,
): Promise<CopyRow> {
  let query = db
    .selectFrom('copies')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('id', '=', selector.copy),
        eb('anonymous_code', '=', selector.copy),
      ]),
    );
  if (selector.sittingId) {
    query = query.where('sitting_id', '=', selector.sittingId);
  }

  const rows = await query.execute();
  if (rows.length === 0) {
    throw new AdminError(
      `No copy has the id or anonymous code "${selector.copy}"${selector.sittingId ? ` in sitting ${selector.sittingId}` : ''}: check the value`,
    );
  }
  if (rows.length > 1) {
    const sittings = rows.map((row) => row.sitting_id).join(', ');
    throw new AdminError(
      `Anonymous code "${selector.copy}" is in several sittings (${sittings}): name one with --sitting`,
    );
  }
  return rows[0]!;
}

async function batchOf(db: Kysely<Database>, copy: CopyRow): Promise<BatchRow> {
  return db
    .selectFrom('batches')
    .selectAll()
    .where('id', '=', copy.batch_id)
    .executeTakeFirstOrThrow();
}

export interface RescanResult {
  copyId: string;
  anonymousCode: string;
  revision: number;
  sha256: string;
  pageCount: number;
}

/**
 * Replaces a copy's scan with the PDF at `file`, checked as the import
 * checks scans. The new scan is stored under a new key before the database
 * points at it, and the old one is deleted only after that commit, so a
 * failure at any step leaves the copy with a complete scan.
 */
export async function rescanCopy(
  handle: DatabaseHandle,
  storage: ScanStorage,
  selector: CopySelector,
  file: string,
): Promise<RescanResult> {
  const { db } = handle;
  const copy = await findCopy(db, selector);
  if (copy.withdrawn_at !== null) {
    throw new AdminError(
      `Copy ${copy.anonymous_code} was withdrawn, so its scan cannot be replaced`,
    );
  }

  const folder = path.dirname(path.resolve(file));
  const checker = new PdfChecker(PDF_TIMEOUT_MS);
  let checked;
  try {
    checked = await checkScanFile(
      folder,
      await realpath(folder).catch(() => folder),
      path.basename(file),
      checker,
    );
  } finally {
    await checker.close();
  }
  if (!checked.ok) {
    throw new AdminError(checked.message);
  }
  if (checked.scan.sha256 === copy.sha256) {
    throw new AdminError(
      `${file} is the scan copy ${copy.anonymous_code} already has (same SHA-256): nothing to replace`,
    );
  }

  const revision = copy.revision + 1;
  const key = `${copy.sitting_id}/${copy.id}-r${revision}.pdf`;
  await storage.putFile(key, checked.scan.path);

  try {
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('copies')
        .set({
          revision,
          sha256: checked.scan.sha256,
          size: checked.scan.size,
          page_count: checked.scan.pageCount,
          storage_key: key,
        })
        .where('id', '=', copy.id)
        .where('revision', '=', copy.revision)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new AdminError(
          `Copy ${copy.anonymous_code} was rescanned by someone else meanwhile: run the command again`,
        );
      }

      const batch = await batchOf(trx, copy);
      await recordChanges(trx, handle.dialect, [
        {
          graderId: batch.grader_id,
          kind: 'copy-rescanned',
          batchId: batch.id,
          copyId: copy.id,
        },
      ]);
    });
  } catch (error) {
    await storage.delete(key);
    throw error;
  }

  await storage.delete(copy.storage_key);
  return {
    copyId: copy.id,
    anonymousCode: copy.anonymous_code,
    revision,
    sha256: checked.scan.sha256,
    pageCount: checked.scan.pageCount,
  };
}

/**
 * Withdraws a copy from its batch. Its grade and scan are kept for the
 * record; the grader's client removes it once nothing of it is unsynced.
 */
export async function withdrawCopy(
  handle: DatabaseHandle,
  selector: CopySelector,
): Promise<CopyRow> {
  const copy = await findCopy(handle.db, selector);
  if (copy.withdrawn_at !== null) {
    throw new AdminError(
      `Copy ${copy.anonymous_code} was already withdrawn at ${copy.withdrawn_at}`,
    );
  }

  await handle.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('copies')
      .set({ withdrawn_at: new Date().toISOString() })
      .where('id', '=', copy.id)
      .execute();
    const batch = await batchOf(trx, copy);
    await recordChanges(trx, handle.dialect, [
      {
        graderId: batch.grader_id,
        kind: 'copy-withdrawn',
        batchId: batch.id,
        copyId: copy.id,
      },
    ]);
  });
  return copy;
}

/** Closes a batch: its grades can no longer change and it cannot be submitted. */
export async function closeBatch(
  handle: DatabaseHandle,
  batchId: string,
): Promise<BatchRow> {
  const batch = await handle.db
    .selectFrom('batches')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!batch) {
    throw new AdminError(`No batch has the id "${batchId}": check the value`);
  }
  if (batch.status === 'closed') {
    throw new AdminError(`Batch "${batchId}" is already closed`);
  }

  await handle.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('batches')
      .set({ status: 'closed' })
      .where('id', '=', batch.id)
      .execute();
    await recordChanges(trx, handle.dialect, [
      { graderId: batch.grader_id, kind: 'batch-updated', batchId: batch.id },
    ]);
  });
  return { ...batch, status: 'closed' };
}

export interface OpenReport {
  id: string;
  createdAt: string;
  anonymousCode: string;
  copyId: string;
  kind: string;
  pages: number[];
  note: string;
  grader: string;
}

export async function listReports(db: Kysely<Database>): Promise<OpenReport[]> {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('copies', 'copies.id', 'reports.copy_id')
    .innerJoin('graders', 'graders.id', 'reports.grader_id')
    .select([
      'reports.id',
      'reports.created_at',
      'copies.anonymous_code',
      'copies.id as copy_id',
      'reports.kind',
      'reports.pages',
      'reports.note',
      'graders.username',
    ])
    .where('reports.status', '=', 'open')
    .orderBy('reports.created_at')
    .execute();

  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    anonymousCode: row.anonymous_code,
    copyId: row.copy_id,
    kind: row.kind,
    pages: JSON.parse(row.pages) as number[],
    note: row.note,
    grader: row.username,
  }));
}
