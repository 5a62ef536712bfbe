/**
 * The batch the download benchmark imports, generated once with the sample
 * generator and kept under the results folder, so later runs skip the
 * minutes of drawing.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import {
  SITTING_FILE,
  demoPassword,
  type SittingDocument,
} from '../../server/sample/index';
import { prepareSitting } from '../server/sample-sitting';

export interface SittingShape {
  copies: number;
  pagesPerCopy: number;
  dpi: 150 | 300;
}

export interface CachedSitting {
  /** Folder with `sitting.json` and the PDFs, ready for `importSitting`. */
  folder: string;
  username: string;
  password: string;
  copies: number;
  /** Size of the batch's PDFs together, bytes. */
  totalBytes: number;
  /** True when this run generated the sitting, false when it was cached. */
  generated: boolean;
  /** Generation time of the run that drew the scans, milliseconds. */
  generateMilliseconds: number;
}

/** Written last, so a cache folder without it is an interrupted generation. */
const COMPLETE_FILE = 'complete.json';

/** Days from now to the deadline written into the cached sitting. */
const DEADLINE_DAYS = 21;

/**
 * Returns the cached sitting of this shape in `resultsFolder`, generating it
 * first when it is missing or incomplete. Every copy gets its own drawn
 * scan. The deadline is moved 21 days ahead on every call, so a sitting
 * cached weeks ago still imports as an open batch.
 */
export async function loadOrGenerateSitting(
  resultsFolder: string,
  shape: SittingShape,
  progress: (message: string) => void,
): Promise<CachedSitting> {
  const root = resolve(
    resultsFolder,
    `download-sitting-${shape.copies}c-${shape.pagesPerCopy}p-${shape.dpi}dpi`,
  );
  const completeFile = join(root, COMPLETE_FILE);

  let generated = false;
  if (!existsSync(completeFile)) {
    if (existsSync(root)) {
      progress(`removing the incomplete sitting cache ${root}`);
      await rm(root, { recursive: true, force: true });
    }
    progress(
      `drawing ${shape.copies} copies of ${shape.pagesPerCopy} pages at ${shape.dpi} dpi into ${root}; this takes minutes once, later runs reuse it`,
    );
    await mkdir(root, { recursive: true });
    const sitting = await prepareSitting(root, {
      copies: shape.copies,
      pagesPerCopy: shape.pagesPerCopy,
      dpi: shape.dpi,
      distinctScans: shape.copies,
      writeCopies: 1,
    });
    await rm(sitting.writesFolder, { recursive: true, force: true });
    await rm(join(root, 'generated'), { recursive: true, force: true });
    await writeFile(
      completeFile,
      `${JSON.stringify({ ...shape, generateMilliseconds: Math.round(sitting.generateMs) }, null, 2)}\n`,
    );
    generated = true;
  }

  const folder = join(root, 'import');
  const record = JSON.parse(await readFile(completeFile, 'utf8')) as {
    generateMilliseconds: number;
  };
  const sitting = await refreshDeadline(folder);
  const grader = sitting.graders[0];
  const batch = sitting.batches[0];
  if (grader === undefined || batch === undefined) {
    throw new Error(
      `${join(folder, SITTING_FILE)} has no grader or no batch: delete ${root} so the next run generates it again`,
    );
  }

  let totalBytes = 0;
  for (const copy of batch.copies) {
    totalBytes += (await stat(join(folder, copy.file))).size;
  }

  return {
    folder,
    username: grader.username,
    password: demoPassword(1),
    copies: batch.copies.length,
    totalBytes,
    generated,
    generateMilliseconds: record.generateMilliseconds,
  };
}

async function refreshDeadline(folder: string): Promise<SittingDocument> {
  const file = join(folder, SITTING_FILE);
  const sitting = JSON.parse(await readFile(file, 'utf8')) as SittingDocument;

  const deadline = new Date(Date.now() + DEADLINE_DAYS * 24 * 3600 * 1000);
  deadline.setUTCHours(18, 0, 0, 0);
  const text = deadline.toISOString().replace('.000Z', 'Z');
  for (const batch of sitting.batches) {
    batch.deadline = text;
  }

  await writeFile(file, `${JSON.stringify(sitting, null, 2)}\n`);
  return sitting;
}
