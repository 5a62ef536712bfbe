/**
 * The OCR pool with real tesseract.js workers in Node: recycling, start-up
 * time limit, cancellation and a missing language file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readHeaderFields } from '../../../shared/ocr/header-fields';
import type { OcrImage } from '../../../shared/ocr/ocr-image';
import type { OcrLogFields, OcrLogger } from '../../../shared/ocr/ocr-logger';
import { nodeOcrPaths } from '../../../shared/ocr/ocr-node-paths';
import {
  OcrPool,
  OcrWorkerStartError,
  type OcrPoolOptions,
} from '../../../shared/ocr/ocr-pool';
import { busyPageImage, headerBandImage } from './header-image';

const NEVER_REPLIES = fileURLToPath(
  new URL('./fixtures/never-replies-worker.mjs', import.meta.url),
);

interface LogLine {
  level: string;
  message: string;
  fields?: OcrLogFields;
}

function recordingLogger(): OcrLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const record = (level: string) => (message: string, fields?: OcrLogFields) =>
    lines.push({ level, message, fields });
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

function countLines(logger: { lines: LogLine[] }, message: string): number {
  return logger.lines.filter((line) => line.message === message).length;
}

const pools: OcrPool[] = [];

function createPool(options: Partial<OcrPoolOptions> = {}): OcrPool {
  const pool = new OcrPool({ ...nodeOcrPaths(), workerCount: 1, ...options });
  pools.push(pool);
  return pool;
}

let band: OcrImage;

beforeAll(async () => {
  band = await headerBandImage('A000005057', 2, 4);
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

describe('OcrPool with tesseract.js', () => {
  it('reads a header band', async () => {
    const reading = await createPool().recognize({ image: band });
    const fields = readHeaderFields(reading);

    expect(fields.anonymousCode).toBe('A000005057');
    expect(fields.pageNumber).toBe(2);
    expect(fields.pageCount).toBe(4);
    expect(reading.languages).toBe('fra');
    expect(reading.region).toEqual(band.area);
    for (const line of reading.lines) {
      expect(line.box.top).toBeGreaterThanOrEqual(0);
      expect(line.box.bottom).toBeLessThanOrEqual(1 / 6 + 1e-9);
    }
  });

  it('recycles a worker after its pages', async () => {
    const logger = recordingLogger();
    const pool = createPool({ pagesPerWorker: 2, logger });

    for (let page = 0; page < 5; page++) {
      const reading = await pool.recognize({ image: band });
      expect(readHeaderFields(reading).anonymousCode).toBe('A000005057');
    }

    expect(countLines(logger, 'OCR worker recycled')).toBe(2);
    expect(countLines(logger, 'OCR worker started')).toBe(3);
    expect(pool.runningWorkerCount).toBe(1);
  });

  it('reads pages in parallel', async () => {
    const logger = recordingLogger();
    const pool = createPool({ workerCount: 2, logger });

    const readings = await Promise.all(
      [1, 2, 3, 4].map(() => pool.recognize({ image: band })),
    );

    expect(readings).toHaveLength(4);
    expect(countLines(logger, 'OCR worker started')).toBe(2);
    expect(pool.runningWorkerCount).toBe(2);
  });

  it('times out a worker that never replies', async () => {
    const logger = recordingLogger();
    const pool = createPool({
      workerPath: NEVER_REPLIES,
      startTimeoutMs: 500,
      logger,
    });

    const first = pool.recognize({ image: band });
    const queued = pool.recognize({ image: band });

    await expect(first).rejects.toThrow(OcrWorkerStartError);
    await expect(first).rejects.toThrow(/did not start within 500 ms/);
    await expect(queued).rejects.toThrow(/did not start within 500 ms/);
    expect(countLines(logger, 'OCR worker start failed')).toBe(1);
  });

  it('drops a cancelled queued job', async () => {
    const pool = createPool();
    const controller = new AbortController();

    const running = pool.recognize({ image: band });
    const queued = pool.recognize({ image: band, signal: controller.signal });
    expect(pool.queuedJobCount).toBe(1);
    controller.abort(new Error('page left'));

    await expect(queued).rejects.toThrow('page left');
    expect(pool.queuedJobCount).toBe(0);
    expect(readHeaderFields(await running).anonymousCode).toBe('A000005057');
  });

  it('terminates the worker of a cancelled job', async () => {
    const logger = recordingLogger();
    const pool = createPool({ logger });
    await pool.recognize({ image: band });

    const controller = new AbortController();
    const busy = pool.recognize({
      image: await busyPageImage(),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('copy closed')), 300);

    await expect(busy).rejects.toThrow('copy closed');
    expect(
      countLines(logger, 'OCR job aborted, so its worker is terminated'),
    ).toBe(1);
    expect(pool.runningWorkerCount).toBe(0);

    // The next job starts a new worker.
    const reading = await pool.recognize({ image: band });
    expect(readHeaderFields(reading).anonymousCode).toBe('A000005057');
    expect(countLines(logger, 'OCR worker started')).toBe(2);
  });

  describe('without the language file', () => {
    let emptyFolder: string;

    beforeAll(async () => {
      emptyFolder = await mkdtemp(join(tmpdir(), 'copydesk-ocr-lang-'));
    });

    afterAll(async () => {
      await rm(emptyFolder, { recursive: true, force: true });
    });

    it('fails with a clear error', async () => {
      const pool = createPool({
        langPath: emptyFolder,
        startTimeoutMs: 20_000,
      });

      const job = pool.recognize({ image: band });

      await expect(job).rejects.toThrow(OcrWorkerStartError);
      await expect(job).rejects.toThrow(
        `Check that ${emptyFolder} contains fra.traineddata.gz`,
      );
      // The process is still alive, and the pool still takes jobs.
      await expect(pool.recognize({ image: band })).rejects.toThrow(
        /fra\.traineddata\.gz/,
      );
    });
  });
});
