import 'fake-indexeddb/auto';

import { beforeEach, describe, expect, it } from 'vitest';

import { OcrStore } from '../../../../../renderer/core/ocr/ocr-store';
import {
  normalizeText,
  searchReadings,
} from '../../../../../renderer/core/ocr/ocr-search';
import { copyRow, openTestStore, type TestStore } from '../store/test-store';
import { readingOf } from './ocr-fixtures';

let store: TestStore;
let ocr: OcrStore;

const ref = (copyId: string, page: number) => ({
  copyId,
  batchId: 'b1',
  revision: 1,
  page,
});

beforeEach(async () => {
  store = openTestStore();
  ocr = new OcrStore(store.db, store.cipher);
  await store.db.copies.bulkPut([
    copyRow('c1', {
      anonymousCode: 'A002',
      download: 'stored',
      storedRevision: 1,
      pageCount: 2,
    }),
    copyRow('c2', {
      anonymousCode: 'A001',
      download: 'stored',
      storedRevision: 1,
      pageCount: 3,
    }),
    copyRow('c3', { anonymousCode: 'A003', pageCount: 4 }),
  ]);
  await ocr.saveReading(
    ref('c1', 1),
    'page',
    readingOf('Baccalauréat', '2026,', 'philosophie'),
  );
  await ocr.saveReading(ref('c1', 2), 'page', readingOf('La', 'liberté'));
  await ocr.saveReading(
    ref('c2', 2),
    'page',
    readingOf('Matière', ':', 'Philosophie'),
  );
});

describe('searchReadings', () => {
  it('finds a word in every copy of the batch', async () => {
    const result = await searchReadings(
      store.db,
      ocr,
      { kind: 'batch', batchId: 'b1' },
      'philosophie',
    );

    expect(result.hits.map((hit) => [hit.anonymousCode, hit.page])).toEqual([
      ['A001', 2],
      ['A002', 1],
    ]);
    expect(result.hits[1]?.context).toBe('Baccalauréat 2026, philosophie');
    expect(result.hits[1]?.boxes).toHaveLength(1);
    expect(result.hits[1]?.boxes[0]?.left).toBeCloseTo(0.3);
  });

  it('counts pages read and pages stored', async () => {
    const result = await searchReadings(
      store.db,
      ocr,
      { kind: 'batch', batchId: 'b1' },
      'philosophie',
    );

    expect(result.pagesRead).toBe(3);
    // Copy c3 has no stored scan, so its pages are not counted.
    expect(result.pagesTotal).toBe(5);
  });

  it('limits a copy search to that copy', async () => {
    const result = await searchReadings(
      store.db,
      ocr,
      { kind: 'copy', copyId: 'c1' },
      'philosophie',
    );

    expect(result.hits.map((hit) => hit.copyId)).toEqual(['c1']);
    expect(result.pagesRead).toBe(2);
    expect(result.pagesTotal).toBe(2);
  });

  it('ignores case and accents', async () => {
    const result = await searchReadings(
      store.db,
      ocr,
      { kind: 'copy', copyId: 'c1' },
      'BACCALAUREAT',
    );

    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]?.page).toBe(1);
  });

  it('matches across words and covers each word', async () => {
    const result = await searchReadings(
      store.db,
      ocr,
      { kind: 'copy', copyId: 'c1' },
      'at 2026',
    );

    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]?.boxes).toHaveLength(2);
  });

  it('reads repeated spaces as one', async () => {
    const result = await searchReadings(
      store.db,
      ocr,
      { kind: 'copy', copyId: 'c1' },
      'at   \t 2026',
    );

    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]?.boxes).toHaveLength(2);
  });

  it('finds nothing for a short or blank query', async () => {
    for (const query of ['', '   ', 'a']) {
      const result = await searchReadings(
        store.db,
        ocr,
        { kind: 'batch', batchId: 'b1' },
        query,
      );
      expect(result.hits).toEqual([]);
      expect(result.pagesRead).toBe(3);
    }
  });

  it('skips withdrawn copies', async () => {
    await store.db.copies.update('c2', { withdrawnAt: '2026-06-01T00:00:00Z' });

    const result = await searchReadings(
      store.db,
      ocr,
      { kind: 'batch', batchId: 'b1' },
      'philosophie',
    );

    expect(result.hits.map((hit) => hit.copyId)).toEqual(['c1']);
  });

  it('skips readings of an old revision', async () => {
    await store.db.copies.update('c1', { storedRevision: 2 });

    const result = await searchReadings(
      store.db,
      ocr,
      { kind: 'copy', copyId: 'c1' },
      'philosophie',
    );

    expect(result.hits).toEqual([]);
    expect(result.pagesRead).toBe(0);
  });
});

describe('normalizeText', () => {
  it('drops accents and case', () => {
    expect(normalizeText('Élève À Noël')).toBe('eleve a noel');
  });

  it('keeps one character per character', () => {
    expect(normalizeText('é’ç').length).toBe(3);
  });
});
