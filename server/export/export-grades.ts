/**
 * Writes every grade to a CSV file: UTF-8 with a byte order mark, RFC 4180
 * records, formulas neutralised. The file is written under a temporary name
 * and renamed at the end, so a failed export leaves no partial file.
 */
import { randomBytes } from 'node:crypto';
import { access, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

import type { DatabaseHandle } from '../db/database';
import { formatCsvRecord, UTF8_BOM } from './csv';
import { readGradeTable } from './grade-rows';

export interface ExportOptions {
  /** Exports only this sitting; every sitting when absent. */
  sittingId?: string;
  /** Replaces `out` when it exists, instead of failing. */
  force?: boolean;
}

export interface ExportSummary {
  /** Absolute path of the written file. */
  path: string;
  /** Data rows written, the header not counted. */
  rows: number;
}

/** Raised when `out` exists and `force` is not set. */
export class OutputExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists: pass --force to replace it`);
    this.name = 'OutputExistsError';
  }
}

/** Writes the grades of one or every sitting to the CSV file `out`. */
export async function exportGrades(
  db: DatabaseHandle,
  out: string,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const target = path.resolve(out);
  if (!options.force && (await exists(target))) {
    throw new OutputExistsError(target);
  }

  const table = await readGradeTable(db.db, options.sittingId);

  // A hidden name in the target's folder, so the rename stays on one file
  // system and is atomic.
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );

  let rows = 0;
  const file = await open(temporary, 'wx');
  try {
    await file.write(UTF8_BOM + formatCsvRecord(table.columns));
    for await (const batchRows of table.rows()) {
      const text = batchRows.map((row) => formatCsvRecord(row)).join('');
      await file.write(text);
      rows += batchRows.length;
    }
    await file.sync();
    await file.close();

    // Checked again: the file may have appeared during the export.
    if (!options.force && (await exists(target))) {
      throw new OutputExistsError(target);
    }
    await rename(temporary, target);
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }

  return { path: target, rows };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
