/**
 * Imports an exam sitting from a folder that contains `sitting.json` and the
 * scanned PDFs it lists. The import is all or nothing. Every part is checked
 * first and every problem is reported. Only a fully valid folder stores its
 * scans and writes its rows, in one database transaction.
 */
import type { Kysely } from 'kysely';

import type { DatabaseHandle } from '../db/database';
import type { Database } from '../db/tables';
import type { ScanStorage } from '../storage/scan-storage';
import { checkScans, DEFAULT_PDF_READERS } from './check-scans';
import { planImport, type ImportPlan } from './import-plan';
import { ImportError, type ImportProblem } from './import-problem';
import { readSittingFile } from './sitting-file';
import { checkSittingRules } from './sitting-rules';
import { deleteScans, storeScans } from './store-scans';
import {
  DuplicateSittingError,
  hashNewPasswords,
  writeSitting,
} from './write-sitting';

/** Time limit for reading one PDF, milliseconds. */
export const DEFAULT_PDF_TIMEOUT_MS = 30_000;

export interface ImportProgress {
  step: 'checking' | 'storing';
  /** File name as `sitting.json` gives it. */
  file: string;
  /** Files finished in this step, this one included. */
  done: number;
  total: number;
}

export interface ImportOptions {
  db: DatabaseHandle;
  storage: ScanStorage;
  onProgress?: (progress: ImportProgress) => void;
  /** Time limit for reading one PDF, milliseconds. */
  pdfTimeoutMs?: number;
  /** PDFs read at once, each in its own worker thread. */
  pdfReaders?: number;
}

export interface ImportSummary {
  sittingId: string;
  title: string;
  schemeId: string;
  copyCount: number;
  pageCount: number;
  /** Total size of the stored scans, bytes. */
  scanBytes: number;
  batches: { id: string; title: string; grader: string; copyCount: number }[];
  graders: {
    id: string;
    username: string;
    role: 'grader' | 'supervisor';
    /** False when the username already had an account, which is kept. */
    created: boolean;
  }[];
}

/** Imports the sitting in `folder`, or throws `ImportError` with every problem. */
export async function importSitting(
  folder: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const { db, storage } = options;

  const read = await readSittingFile(folder);
  if (read.sitting === null) {
    throw new ImportError(folder, read.problems);
  }
  const sitting = read.sitting;

  const problems = checkSittingRules(sitting);
  problems.push(...(await checkTitleIsNew(db.db, sitting.title)));

  const checked = await checkScans(folder, sitting, {
    timeoutMs: options.pdfTimeoutMs ?? DEFAULT_PDF_TIMEOUT_MS,
    readers: options.pdfReaders ?? DEFAULT_PDF_READERS,
    onChecked: (file, done, total) =>
      options.onProgress?.({ step: 'checking', file, done, total }),
  });
  problems.push(...checked.problems);
  if (problems.length > 0) {
    throw new ImportError(folder, problems);
  }

  const plan = planImport(sitting, checked.scans);
  const passwordHashes = await hashNewPasswords(db.db, plan);

  await storeScans(plan, storage, options.onProgress);

  let graders;
  try {
    graders = await writeSitting(db, plan, passwordHashes);
  } catch (error) {
    await deleteScans(plan, storage, error);
    if (error instanceof DuplicateSittingError) {
      throw new ImportError(folder, [titleTaken(sitting.title)]);
    }
    throw error;
  }

  return summarise(plan, graders.ids, new Set(graders.created));
}

async function checkTitleIsNew(
  db: Kysely<Database>,
  title: string,
): Promise<ImportProblem[]> {
  const existing = await db
    .selectFrom('sittings')
    .select('id')
    .where('title', '=', title)
    .executeTakeFirst();
  return existing === undefined ? [] : [titleTaken(title, existing.id)];
}

function titleTaken(title: string, id?: string): ImportProblem {
  const which = id === undefined ? '' : ` (id ${id})`;
  return {
    where: 'title',
    message: `a sitting titled ${JSON.stringify(title)} was already imported${which}: change the title to import this folder as another sitting`,
  };
}

function summarise(
  plan: ImportPlan,
  graderIds: Map<string, string>,
  created: Set<string>,
): ImportSummary {
  const copies = plan.batches.flatMap((batch) => batch.copies);

  return {
    sittingId: plan.sittingId,
    title: plan.title,
    schemeId: plan.schemeId,
    copyCount: copies.length,
    pageCount: copies.reduce((sum, copy) => sum + copy.scan.pageCount, 0),
    scanBytes: copies.reduce((sum, copy) => sum + copy.scan.size, 0),
    batches: plan.batches.map((batch) => ({
      id: batch.id,
      title: batch.title,
      grader: batch.grader,
      copyCount: batch.copies.length,
    })),
    graders: plan.graders.map((grader) => ({
      id: graderIds.get(grader.username) ?? '',
      username: grader.username,
      role: grader.role,
      created: created.has(grader.username),
    })),
  };
}
