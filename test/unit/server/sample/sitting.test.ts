import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FolderNotEmptyError,
  SITTING_FILE,
  writeSitting,
  type SittingDocument,
  type SittingOptions,
} from '../../../../server/sample';
import { readPdfPages } from './pdf-pages';

const SMALL: SittingOptions = {
  copiesPerBatch: 1,
  pagesPerCopy: 1,
  now: new Date('2026-06-01T09:30:00Z'),
};

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'copydesk-sitting-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function readSitting(): Promise<SittingDocument> {
  return JSON.parse(await readFile(join(folder, SITTING_FILE), 'utf8'));
}

describe('writeSitting', () => {
  it('writes sitting.json in the import format', async () => {
    await writeSitting(folder, SMALL);
    const sitting = await readSitting();

    expect(Object.keys(sitting).sort()).toEqual(
      ['batches', 'graders', 'scheme', 'subject', 'title'].sort(),
    );
    expect(sitting.title).toBe('Baccalaureat 2026, philosophie');
    expect(sitting.subject).toBe('Philosophie');
    expect(sitting.graders.map((grader) => grader.username)).toEqual([
      'amartin',
      'bbernard',
      'chef',
    ]);
    expect(sitting.graders.map((grader) => grader.role)).toEqual([
      undefined,
      undefined,
      'supervisor',
    ]);
    expect(sitting.graders.map((grader) => grader.password)).toEqual([
      'demo-password-1',
      'demo-password-2',
      'demo-password-3',
    ]);
    for (const batch of sitting.batches) {
      expect(Object.keys(batch).sort()).toEqual(
        ['copies', 'deadline', 'grader', 'title'].sort(),
      );
      expect(batch.deadline).toBe('2026-06-22T18:00:00Z');
      expect(batch.copies).toHaveLength(1);
    }
  });

  it('gives each account one batch', async () => {
    await writeSitting(folder, { ...SMALL, graderCount: 3 });
    const sitting = await readSitting();

    expect(sitting.batches.map((batch) => batch.grader)).toEqual(
      sitting.graders.map((grader) => grader.username),
    );
    expect(sitting.batches).toHaveLength(4);
  });

  it('builds a scheme of 20 points in quarter and half steps', async () => {
    await writeSitting(folder, SMALL);
    const { scheme } = await readSitting();
    const totalHundredths = scheme.questions.reduce(
      (total, question) => total + Math.round(question.maxPoints * 100),
      0,
    );

    expect(scheme.questions).toHaveLength(5);
    expect(totalHundredths).toBe(2000);
    expect(new Set(scheme.questions.map((question) => question.step))).toEqual(
      new Set([0.25, 0.5]),
    );
    for (const question of scheme.questions) {
      expect(Number.isInteger(question.maxPoints / question.step)).toBe(true);
    }
  });

  it('names PDF files that exist with the requested pages', async () => {
    await writeSitting(folder, { ...SMALL, pagesPerCopy: 2 });
    const sitting = await readSitting();
    const copies = sitting.batches.flatMap((batch) => batch.copies);
    const codes = copies.map((copy) => copy.anonymousCode);

    expect(new Set(codes).size).toBe(codes.length);
    for (const copy of copies) {
      expect(copy.anonymousCode).toMatch(/^A\d{9}$/);
      expect(copy.file).toBe(`${copy.anonymousCode}.pdf`);
      expect(existsSync(join(folder, copy.file))).toBe(true);
    }

    const first = copies[0];
    const pdf = await readFile(join(folder, first?.file ?? ''));
    expect(await readPdfPages(pdf)).toHaveLength(2);
  });

  it('puts one defect of each kind into the first batch', async () => {
    const summary = await writeSitting(folder, {
      ...SMALL,
      copiesPerBatch: 5,
    });
    const kinds = summary.copies.flatMap((copy) =>
      copy.anomalies.map((anomaly) => anomaly.kind),
    );

    expect(kinds).toEqual([
      'blank-page',
      'upside-down',
      'wrong-copy',
      'missing-page',
    ]);
    expect(
      summary.copies
        .filter((copy) => copy.anomalies.length > 0)
        .every((copy) => copy.grader === 'amartin'),
    ).toBe(true);
  });

  it('leaves defects out on request', async () => {
    const summary = await writeSitting(folder, {
      ...SMALL,
      copiesPerBatch: 5,
      graderCount: 1,
      anomalies: false,
    });

    expect(summary.copies.every((copy) => copy.anomalies.length === 0)).toBe(
      true,
    );
  });

  it('writes the same files for the same seed', async () => {
    const other = await mkdtemp(join(tmpdir(), 'copydesk-sitting-'));
    try {
      const options = { ...SMALL, copiesPerBatch: 1, graderCount: 1, seed: 9 };
      const first = await writeSitting(folder, options);
      await writeSitting(other, options);
      const file = first.copies[0]?.file ?? '';

      expect(await readFile(join(other, SITTING_FILE))).toEqual(
        await readFile(join(folder, SITTING_FILE)),
      );
      expect(await readFile(join(other, file))).toEqual(
        await readFile(join(folder, file)),
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('rejects a folder that is not empty', async () => {
    await writeFile(join(folder, 'old.pdf'), 'x');

    await expect(writeSitting(folder, SMALL)).rejects.toThrow(
      FolderNotEmptyError,
    );
  });

  it.each([
    [{ graderCount: 0 }, /Invalid graderCount: 0/],
    [{ copiesPerBatch: 0 }, /Invalid copiesPerBatch: 0/],
    [{ pagesPerCopy: 0 }, /Invalid pagesPerCopy: 0/],
    [{ seed: 1.5 }, /Invalid seed: 1.5/],
  ])('rejects invalid option %j', async (override, message) => {
    await expect(
      writeSitting(folder, { ...SMALL, ...override }),
    ).rejects.toThrow(message);
  });
});
