/**
 * The sitting the benchmark imports: one grader's batch of scanned-looking
 * copies, made with the sample generator.
 */
import { copyFile, link, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  SITTING_FILE,
  demoPassword,
  writeSitting,
  type SittingCopy,
  type SittingDocument,
  type SittingQuestion,
} from '../../server/sample/index';

export interface BenchSittingOptions {
  copies: number;
  pagesPerCopy: number;
  dpi: 150 | 300;
  /** Scans generated; the other copies repeat them under their own names. */
  distinctScans: number;
  /** Copies of the smaller sitting used by the grade writes alone. */
  writeCopies: number;
}

export interface BenchSitting {
  /** Folder of the whole batch, ready for `importSitting`. */
  folder: string;
  /**
   * Folder of the first `writeCopies` copies only, for a database that runs
   * the grade writes but not the downloads.
   */
  writesFolder: string;
  username: string;
  password: string;
  questions: SittingQuestion[];
  /** Size of the batch's PDFs together, bytes. */
  totalBytes: number;
  /** Time spent generating the distinct scans, milliseconds. */
  generateMs: number;
}

/**
 * Writes the sitting into `root/import` and its first `writeCopies` copies
 * into `root/import-writes`, using `root/generated` for the generator's own
 * output.
 *
 * The generator draws every page (0.1 to 0.3 s per page on the 2-core
 * machine of docs/benchmarks.md), so only `distinctScans` copies are drawn
 * and the others are byte copies of them under new file names and
 * anonymous codes. Byte-equal scans cost the server as much to send as
 * different ones.
 */
export async function prepareSitting(
  root: string,
  options: BenchSittingOptions,
): Promise<BenchSitting> {
  const generatedFolder = join(root, 'generated');
  const importFolder = join(root, 'import');
  const writesFolder = join(root, 'import-writes');
  await mkdir(importFolder, { recursive: true });
  await mkdir(writesFolder, { recursive: true });

  // The generator gives every account a batch, the supervisor's included,
  // so half the distinct scans come from each of the two batches.
  const started = performance.now();
  const generated = await writeSitting(generatedFolder, {
    graderCount: 1,
    copiesPerBatch: Math.ceil(options.distinctScans / 2),
    pagesPerCopy: options.pagesPerCopy,
    dpi: options.dpi,
    anomalies: false,
    seed: 1,
  });
  const generateMs = performance.now() - started;

  const sources = generated.copies.slice(0, options.distinctScans);
  const grader = generated.sitting.graders[0];
  const firstBatch = generated.sitting.batches[0];
  if (grader === undefined || firstBatch === undefined) {
    throw new Error(
      `The sample sitting in ${generatedFolder} has no grader or no batch: check writeSitting`,
    );
  }

  const copies: SittingCopy[] = [];
  let totalBytes = 0;
  for (let index = 0; index < options.copies; index += 1) {
    const source = sources[index % sources.length]!;
    const anonymousCode = `B${String(index + 1).padStart(9, '0')}`;
    const file = `${anonymousCode}.pdf`;
    const target = join(importFolder, file);
    await copyFile(join(generatedFolder, source.file), target);
    if (index < options.writeCopies) {
      await link(target, join(writesFolder, file));
    }
    copies.push({ anonymousCode, file });
    totalBytes += (await stat(target)).size;
  }

  const sitting: SittingDocument = {
    ...generated.sitting,
    title: `${generated.sitting.title} (benchmark)`,
    graders: [grader],
    batches: [{ ...firstBatch, copies }],
  };
  await writeSittingFile(importFolder, sitting);
  await writeSittingFile(writesFolder, {
    ...sitting,
    batches: [{ ...firstBatch, copies: copies.slice(0, options.writeCopies) }],
  });

  return {
    folder: importFolder,
    writesFolder,
    username: grader.username,
    password: demoPassword(1),
    questions: sitting.scheme.questions,
    totalBytes,
    generateMs,
  };
}

async function writeSittingFile(
  folder: string,
  sitting: SittingDocument,
): Promise<void> {
  await writeFile(
    join(folder, SITTING_FILE),
    `${JSON.stringify(sitting, null, 2)}\n`,
  );
}
