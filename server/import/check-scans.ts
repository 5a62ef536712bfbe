/**
 * Checks the scans of every copy of a sitting, several files at a time, each
 * reader in its own worker thread.
 */
import { realpath } from 'node:fs/promises';
import { availableParallelism } from 'node:os';

import type { ImportProblem } from './import-problem';
import { PdfChecker } from './pdf-checker';
import {
  checkScanFile,
  type CheckedScan,
  type ScanCheckResult,
} from './scan-file-check';
import { checkRelativeFileName } from './sitting-rules';
import type { SittingFile } from './sitting-schema';

/** Files read at once by default: one per core, at most 4. */
export const DEFAULT_PDF_READERS = Math.min(4, availableParallelism());

export interface ScanCheckOptions {
  /** Time limit for reading one PDF, milliseconds. */
  timeoutMs: number;
  /** Files read at once. */
  readers: number;
  /** Called after each file, with the count of files done. */
  onChecked?: (file: string, done: number, total: number) => void;
}

export interface ScanCheckOutcome {
  /** Checked scans by file name as `sitting.json` gives it. */
  scans: Map<string, CheckedScan>;
  /** One problem per failed file, in the order of `sitting.json`. */
  problems: ImportProblem[];
}

/**
 * Checks the scan of every copy whose file name is valid, each file once.
 * Invalid file names are reported by `checkSittingRules` instead.
 */
export async function checkScans(
  folder: string,
  sitting: SittingFile,
  options: ScanCheckOptions,
): Promise<ScanCheckOutcome> {
  const files = listFiles(sitting);
  const realFolder = await realpath(folder);
  const results: ScanCheckResult[] = new Array(files.length);
  let next = 0;
  let done = 0;

  const runReader = async () => {
    const checker = new PdfChecker(options.timeoutMs);
    try {
      while (next < files.length) {
        const index = next;
        next += 1;
        const { file } = files[index] as (typeof files)[number];

        results[index] = await checkScanFile(folder, realFolder, file, checker);
        done += 1;
        options.onChecked?.(file, done, files.length);
      }
    } finally {
      await checker.close();
    }
  };

  const readers = Math.max(1, Math.min(options.readers, files.length));
  await Promise.all(Array.from({ length: readers }, runReader));

  const scans = new Map<string, CheckedScan>();
  const problems: ImportProblem[] = [];
  files.forEach(({ file, where }, index) => {
    const result = results[index] as ScanCheckResult;
    if (result.ok) {
      scans.set(file, result.scan);
    } else {
      problems.push({ where, message: result.message });
    }
  });
  return { scans, problems };
}

/** Lists each valid file name once, with the JSON path of its first use. */
function listFiles(sitting: SittingFile): { file: string; where: string }[] {
  const files = new Map<string, string>();

  sitting.batches.forEach((batch, batchIndex) => {
    batch.copies.forEach((copy, copyIndex) => {
      if (checkRelativeFileName(copy.file) === null && !files.has(copy.file)) {
        files.set(
          copy.file,
          `batches[${batchIndex}].copies[${copyIndex}].file`,
        );
      }
    });
  });

  return [...files].map(([file, where]) => ({ file, where }));
}
