import 'fake-indexeddb/auto';

import { beforeEach, describe, expect, it } from 'vitest';

import { RecordDecryptionError } from '../../../../../renderer/core/crypto/record-cipher';
import { OcrStore } from '../../../../../renderer/core/ocr/ocr-store';
import {
  containsBytes,
  copyRow,
  openTestStore,
  readRawRow,
  type TestStore,
} from '../store/test-store';
import { readingOf } from './ocr-fixtures';

let store: TestStore;
let ocr: OcrStore;

const page1 = { copyId: 'c1', batchId: 'b1', revision: 1, page: 1 };

beforeEach(async () => {
  store = openTestStore();
  ocr = new OcrStore(store.db, store.cipher);
  await store.db.copies.bulkPut([
    copyRow('c1', { download: 'stored', storedRevision: 1, pageCount: 2 }),
    copyRow('c2', { download: 'stored', storedRevision: 1, pageCount: 3 }),
    copyRow('c3', { batchId: 'b2', download: 'stored', storedRevision: 1 }),
  ]);
});

describe('OcrStore readings', () => {
  it('round-trips a reading', async () => {
    await ocr.saveReading(page1, 'page', readingOf('Baccalauréat'));

    const stored = await ocr.loadReading('c1', 1, 1);

    expect(stored?.scope).toBe('page');
    expect(stored?.reading.lines[0]?.words[0]?.text).toBe('Baccalauréat');
  });

  it('encrypts the text at rest', async () => {
    await ocr.saveReading(page1, 'page', readingOf('Candidat-Dupont'));

    const raw = (await readRawRow(store.db.name, 'ocr', ['c1', 1, 1])) as {
      result: { ciphertext: ArrayBuffer };
    };
    const marker = new TextEncoder().encode('Candidat-Dupont');

    expect(containsBytes(new Uint8Array(raw.result.ciphertext), marker)).toBe(
      false,
    );
  });

  it('rejects a reading moved to another page', async () => {
    await ocr.saveReading(page1, 'page', readingOf('un'));
    const row = await store.db.ocr.get(['c1', 1, 1]);
    await store.db.ocr.put({ ...row!, page: 2 });

    await expect(ocr.loadReading('c1', 1, 2)).rejects.toBeInstanceOf(
      RecordDecryptionError,
    );
  });

  it('keeps a whole page over a header', async () => {
    await ocr.saveReading(page1, 'page', readingOf('page'));

    const saved = await ocr.saveReading(page1, 'header', readingOf('header'));
    const stored = await ocr.loadReading('c1', 1, 1);

    expect(saved).toBe(false);
    expect(stored?.reading.lines[0]?.words[0]?.text).toBe('page');
  });

  it('skips a reading of a replaced revision', async () => {
    await store.db.copies.update('c1', { storedRevision: 2 });

    const saved = await ocr.saveReading(page1, 'page', readingOf('old'));

    expect(saved).toBe(false);
    expect(await store.db.ocr.count()).toBe(0);
  });

  it('skips a reading of a withdrawn copy', async () => {
    await store.db.copies.update('c1', { withdrawnAt: '2026-06-20T10:00Z' });

    expect(await ocr.saveReading(page1, 'page', readingOf('x'))).toBe(false);
  });

  it('deletes old revisions on rescan', async () => {
    await ocr.saveReading(page1, 'page', readingOf('old'));
    await ocr.saveFindings('c1', 'b1', 1, []);
    await store.db.copies.update('c1', { storedRevision: 2 });

    await ocr.saveReading(
      { ...page1, revision: 2 },
      'header',
      readingOf('new'),
    );

    const revisions = (await store.db.ocr.toArray()).map((row) => row.revision);
    expect(revisions).toEqual([2]);
    expect(await store.db.ocrChecks.count()).toBe(0);
  });
});

describe('OcrStore batch progress', () => {
  it('counts whole pages of stored copies', async () => {
    await ocr.saveReading(page1, 'page', readingOf('a'));
    await ocr.saveReading({ ...page1, page: 2 }, 'header', readingOf('b'));
    await ocr.saveReading(
      { ...page1, copyId: 'c2', page: 3 },
      'page',
      readingOf('c'),
    );
    await ocr.saveFindings('c1', 'b1', 1, []);

    const progress = await ocr.batchProgress('b1');

    expect(progress).toEqual({
      pagesRead: 2,
      pagesTotal: 5,
      copiesChecked: 1,
      copiesStored: 2,
    });
  });

  it('leaves out withdrawn and missing copies', async () => {
    await ocr.saveReading(page1, 'page', readingOf('a'));
    await store.db.copies.update('c1', { withdrawnAt: '2026-06-20T10:00Z' });
    await store.db.copies.put(copyRow('c4', { pageCount: 9 }));

    const progress = await ocr.batchProgress('b1');

    expect(progress.pagesRead).toBe(0);
    expect(progress.pagesTotal).toBe(3);
  });
});
