/**
 * Timing of one page read by tesseract.js through the application's pool
 * and by the native tesseract command, and the worker's start-up time and
 * memory.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { nodeOcrPaths } from '../../shared/ocr/ocr-node-paths';
import { OcrPool } from '../../shared/ocr/ocr-pool';
import type { OcrLogFields, OcrLogger } from '../../shared/ocr/ocr-logger';
import { readingText } from '../../shared/ocr/tesseract-reading';
import type { BenchPage } from './inputs';

export const NATIVE_TESSERACT = '/usr/bin/tesseract';

export interface PageRead {
  ms: number;
  text: string;
}

/** Creates the pool the benchmark reads with: one worker, no recycling. */
export function createBenchPool(language: string, logger?: OcrLogger): OcrPool {
  return new OcrPool({
    ...nodeOcrPaths(language),
    languages: [language],
    workerCount: 1,
    pagesPerWorker: 100_000,
    logger,
  });
}

/** Reads a page with the pool's worker, which must already be started. */
export async function readWithPool(
  pool: OcrPool,
  page: BenchPage,
): Promise<PageRead> {
  const started = performance.now();
  const reading = await pool.recognize({
    image: {
      data: page.data,
      width: page.width,
      height: page.height,
      dpi: page.dpi,
    },
  });
  return { ms: performance.now() - started, text: readingText(reading) };
}

/**
 * Writes the page to `folder` once and returns its path, so the native
 * command reads the same bytes as tesseract.js.
 */
export async function writePageFile(
  folder: string,
  page: BenchPage,
  index: number,
): Promise<string> {
  const file = join(folder, `page-${index}.${page.extension}`);
  await writeFile(file, page.data);
  return file;
}

/**
 * Reads a page file with the native command, single-threaded: with its
 * default OpenMP threads it runs several times slower on a 2-core machine.
 * The time includes the process start and the model load, which the
 * application's warm worker does not pay per page.
 */
export function readWithNative(
  file: string,
  page: BenchPage,
  language: string,
): Promise<PageRead> {
  const args = [file, 'stdout', '-l', language];
  if (page.dpi !== undefined) {
    args.push('--dpi', String(page.dpi));
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      NATIVE_TESSERACT,
      args,
      { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 16 << 20 },
      (error, stdout) => {
        if (error !== null) {
          reject(
            new Error(
              `${NATIVE_TESSERACT} failed on ${file}: ${error.message}`,
            ),
          );
          return;
        }
        resolve({ ms: performance.now() - started, text: stdout });
      },
    );
  });
}

/** Returns start-up times of `count` workers, in milliseconds, one after the other. */
export async function measureStartups(
  language: string,
  page: BenchPage,
  count: number,
): Promise<number[]> {
  const startups: number[] = [];
  const logger: OcrLogger = {
    debug: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    info: (message: string, fields?: OcrLogFields) => {
      if (message === 'OCR worker started') {
        startups.push(Number(fields?.milliseconds));
      }
    },
  };
  for (let round = 0; round < count; round++) {
    const pool = createBenchPool(language, logger);
    await readWithPool(pool, page);
    await pool.close();
  }
  return startups;
}

export interface WorkerMemory {
  /** Resident set size of this process before any worker, MiB. */
  baselineMiB: number;
  /** Growth of the resident set once one worker has started, MiB. */
  startedMiB: number;
  /** Largest growth while that worker reads `page`, sampled every 50 ms, MiB. */
  peakMiB: number;
}

function rssMiB(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}

/**
 * Measures the memory one worker thread adds to this Node process. Worker
 * threads share the process, so the growth of its resident set size (RSS)
 * is the measure. The browser gives no such figure for a Web Worker.
 */
export async function measureWorkerMemory(
  language: string,
  smallPage: BenchPage,
  largePage: BenchPage,
): Promise<WorkerMemory> {
  const baseline = rssMiB();
  const pool = createBenchPool(language);
  try {
    await readWithPool(pool, smallPage);
    const started = rssMiB() - baseline;

    let peak = started;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB() - baseline);
    }, 50);
    try {
      await readWithPool(pool, largePage);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssMiB() - baseline);
    return { baselineMiB: baseline, startedMiB: started, peakMiB: peak };
  } finally {
    await pool.close();
  }
}
