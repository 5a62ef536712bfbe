import { describe, expect, it } from 'vitest';

import {
  OcrConfigError,
  OcrPool,
  spareCoreWorkerCount,
  type OcrPoolOptions,
} from '../../../../shared/ocr/ocr-pool';

// No worker starts in these tests: every check runs before one would.
const PATHS = {
  workerPath: '/app/ocr/worker.min.js',
  corePath: '/app/ocr/core',
  langPath: '/app/ocr/lang',
};

describe('spareCoreWorkerCount', () => {
  it.each([
    [1, 1],
    [2, 1],
    [4, 3],
    [8, 4],
    [64, 4],
    [undefined, 1],
    [Number.NaN, 1],
  ])('gives %s cores %s workers', (cores, workers) => {
    expect(spareCoreWorkerCount(cores)).toBe(workers);
  });

  it('takes another cap', () => {
    expect(spareCoreWorkerCount(16, 8)).toBe(8);
    expect(spareCoreWorkerCount(16, 0)).toBe(1);
  });
});

describe('OcrPool options', () => {
  it.each(['workerPath', 'corePath', 'langPath'] as const)(
    'rejects a missing %s',
    (field) => {
      const options = { ...PATHS, workerCount: 1, [field]: '' };

      expect(() => new OcrPool(options)).toThrow(OcrConfigError);
      expect(() => new OcrPool(options)).toThrow(
        `Missing OCR pool option ${field}`,
      );
    },
  );

  it.each([
    [{ workerCount: 0 }, /workerCount: 0/],
    [{ workerCount: 17 }, /workerCount: 17/],
    [{ workerCount: 1.5 }, /workerCount: 1.5/],
    [{ pagesPerWorker: 0 }, /pagesPerWorker: 0/],
    [{ startTimeoutMs: -1 }, /startTimeoutMs: -1/],
    [{ languages: [] }, /languages: \[\]/],
    [{ languages: ['../fra'] }, /languages: \["..\/fra"\]/],
  ])('rejects %j', (override, message) => {
    const options = { ...PATHS, workerCount: 1, ...override } as OcrPoolOptions;

    expect(() => new OcrPool(options)).toThrow(OcrConfigError);
    expect(() => new OcrPool(options)).toThrow(message);
  });

  it('joins the languages', () => {
    const pool = new OcrPool({
      ...PATHS,
      workerCount: 1,
      languages: ['fra', 'eng'],
    });

    expect(pool.languages).toBe('fra+eng');
    expect(pool.runningWorkerCount).toBe(0);
  });

  it('rejects an invalid image before queueing', async () => {
    const pool = new OcrPool({ ...PATHS, workerCount: 1 });
    const image = { data: new Uint8Array(1), width: 0, height: 10 };

    await expect(pool.recognize({ image })).rejects.toThrow(
      /Invalid image width: 0/,
    );
    expect(pool.queuedJobCount).toBe(0);
  });

  it('rejects a region outside the image', async () => {
    const pool = new OcrPool({ ...PATHS, workerCount: 1 });
    const image = {
      data: new Uint8Array(1),
      width: 100,
      height: 20,
      area: { left: 0, top: 0, right: 1, bottom: 0.2 },
    };
    const region = { left: 0, top: 0.5, right: 1, bottom: 1 };

    await expect(pool.recognize({ image, region })).rejects.toThrow(
      /lies outside the image's area/,
    );
  });

  it('rejects a job after close', async () => {
    const pool = new OcrPool({ ...PATHS, workerCount: 1 });
    await pool.close();

    await expect(
      pool.recognize({
        image: { data: new Uint8Array(1), width: 1, height: 1 },
      }),
    ).rejects.toThrow('The OCR pool is closed');
  });
});
