/**
 * `npm run bench:ocr`: OCR of page images by tesseract.js, as the
 * application runs it, beside the native tesseract command on the same
 * files. `--help` lists the options; docs/benchmarks.md records the figures.
 */
import { execFileSync } from 'node:child_process';

import { unorderedCharacterErrorRate } from '../../shared/ocr/character-error-rate';
import {
  checkNodeOcrFiles,
  nodeOcrPaths,
} from '../../shared/ocr/ocr-node-paths';
import { readOptionsOrExit } from '../common/options';
import { createRunFolder } from '../common/run-folder';
import { describeMachine } from '../server/machine';
import { filePages, samplePages, type BenchPage } from './inputs';
import {
  createBenchPool,
  measureStartups,
  measureWorkerMemory,
  NATIVE_TESSERACT,
  readWithNative,
  readWithPool,
  writePageFile,
  type PageRead,
} from './measure';
import { HELP, parseOptions } from './options';
import { formatMarkdown, median, type PageResult } from './report';
import { writeJsonReport } from '../common/json-report';

function progress(message: string): void {
  console.error(`bench:ocr: ${message}`);
}

function nativeVersion(): string {
  try {
    const output = execFileSync(NATIVE_TESSERACT, ['--version']).toString();
    return output.split('\n')[0]?.trim() ?? 'tesseract';
  } catch (error) {
    throw new Error(
      `${NATIVE_TESSERACT} cannot run (${(error as Error).message}): install Debian's tesseract-ocr and tesseract-ocr-fra`,
    );
  }
}

function medianRead(reads: PageRead[]): PageRead {
  const ms = median(reads.map((read) => read.ms));
  return { ms, text: reads[0]?.text ?? '' };
}

async function main(): Promise<void> {
  const options = readOptionsOrExit('bench:ocr', parseOptions, HELP);
  if (options === null) {
    return;
  }
  const startedAt = new Date().toISOString();
  const version = nativeVersion();
  await checkNodeOcrFiles(nodeOcrPaths(options.language), [options.language]);
  const folder = await createRunFolder('copydesk-bench-ocr-');

  progress('preparing the pages');
  const pages: BenchPage[] =
    options.inputs.length === 0
      ? await samplePages(options.dpis)
      : await filePages(options.inputs, options.references, options.dpis);
  if (pages.length === 0) {
    throw new Error('no page to read: the inputs have no pages');
  }

  // Memory first, while the process has freed little that a worker could
  // reuse unseen.
  progress('measuring worker memory and start-up');
  const smallest = pages.reduce((a, b) =>
    a.width * a.height <= b.width * b.height ? a : b,
  );
  const largest = pages.reduce((a, b) =>
    a.width * a.height >= b.width * b.height ? a : b,
  );
  const memory = await measureWorkerMemory(options.language, smallest, largest);
  const startupsMs = await measureStartups(options.language, smallest, 5);

  const pool = createBenchPool(options.language);
  const results: PageResult[] = [];
  try {
    // Starts the worker, so page times leave start-up out.
    await readWithPool(pool, pages[0] as BenchPage);

    for (const [index, page] of pages.entries()) {
      progress(`page ${index + 1} of ${pages.length}: ${page.label}`);
      const file = await writePageFile(folder, page, index);
      const poolReads: PageRead[] = [];
      const nativeReads: PageRead[] = [];
      // Alternating which engine goes first spreads the machine's drift.
      for (let round = 0; round < options.rounds; round++) {
        if (round % 2 === 0) {
          poolReads.push(await readWithPool(pool, page));
          nativeReads.push(await readWithNative(file, page, options.language));
        } else {
          nativeReads.push(await readWithNative(file, page, options.language));
          poolReads.push(await readWithPool(pool, page));
        }
      }

      const poolRead = medianRead(poolReads);
      const nativeRead = medianRead(nativeReads);
      results.push({
        label: page.label,
        dpi: page.dpi,
        width: page.width,
        height: page.height,
        poolMs: poolRead.ms,
        nativeMs: nativeRead.ms,
        poolText: poolRead.text,
        nativeText: nativeRead.text,
        poolErrorRate:
          page.reference === undefined
            ? undefined
            : unorderedCharacterErrorRate(page.reference, poolRead.text),
        nativeErrorRate:
          page.reference === undefined
            ? undefined
            : unorderedCharacterErrorRate(page.reference, nativeRead.text),
      });
    }
  } finally {
    await pool.close();
  }

  const report = {
    startedAt,
    command: ['npm run bench:ocr --', ...process.argv.slice(2)].join(' '),
    options,
    machine: describeMachine(),
    nativeVersion: version,
    pages: results,
    startupsMs,
    memory,
  };
  console.log(formatMarkdown(report));
  const file = await writeJsonReport('bench/results', 'ocr', report);
  progress(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(`bench:ocr: ${(error as Error).message}`);
  process.exitCode = 1;
});
