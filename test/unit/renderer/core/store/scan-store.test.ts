import 'fake-indexeddb/auto';

import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { MemoryKeyProvider } from '../../../../../renderer/core/crypto/memory-key-provider';
import {
  RecordCipher,
  RecordDecryptionError,
} from '../../../../../renderer/core/crypto/record-cipher';
import { StorageFullError } from '../../../../../renderer/core/download/scan-store';
import { EncryptedScanStore } from '../../../../../renderer/core/store/scan-store';
import type { ScanRow } from '../../../../../renderer/core/store/rows';
import {
  containsBytes,
  copyRow,
  openTestStore,
  readRawRow,
  type TestStore,
} from './test-store';

const SHA_1 = '1'.repeat(64);
const SHA_2 = '2'.repeat(64);
const MARKER = new TextEncoder().encode('%PDF-1.7 candidate A000005057');

function pdfBytes(seed: number, size = 4096): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let index = 0; index < size; index += 1) {
    bytes[index] = (index * 31 + seed) % 251;
  }
  bytes.set(MARKER, 100);
  return bytes;
}

function pdf(seed: number, size?: number): Uint8Array<ArrayBuffer> {
  return pdfBytes(seed, size);
}

async function bytesOf(
  stored: Blob | Uint8Array<ArrayBuffer> | null,
): Promise<number[] | null> {
  if (stored === null) {
    return null;
  }
  if (stored instanceof Uint8Array) {
    return Array.from(stored);
  }
  return Array.from(new Uint8Array(await stored.arrayBuffer()));
}

let store: TestStore;
let scans: EncryptedScanStore;

beforeEach(async () => {
  store = openTestStore();
  scans = new EncryptedScanStore(store.db, store.cipher);
  // The server lists c1's scan with SHA_1, the one most tests save.
  await store.db.copies.bulkPut([
    copyRow('c1', {
      scan: { sha256: SHA_1, size: 4096, contentType: 'application/pdf' },
    }),
    copyRow('c2'),
  ]);
});

afterEach(() => {
  store.db.close();
});

describe('EncryptedScanStore scans', () => {
  it('returns identical bytes after saving', async () => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));

    const loaded = await scans.loadScan('c1');

    expect(await bytesOf(loaded)).toEqual(Array.from(pdfBytes(1)));
    expect(loaded?.type).toBe('application/pdf');
  });

  it('reports a scan stored only for its SHA-256', async () => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));

    expect(await scans.hasScan('c1', SHA_1)).toBe(true);
    expect(await scans.hasScan('c1', SHA_2)).toBe(false);
    expect(await scans.hasScan('c2', SHA_1)).toBe(false);
  });

  it('returns null for a copy with no scan', async () => {
    expect(await scans.loadScan('c2')).toBeNull();
  });

  it('records the download on the copy', async () => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));

    const copy = await store.db.copies.get('c1');

    expect(copy?.download).toBe('stored');
    expect(copy?.storedRevision).toBe(1);
  });

  it('keeps a rescanned copy to download', async () => {
    // A refresh recorded revision 2 while revision 1 was downloading.
    await store.db.copies.update('c1', {
      revision: 2,
      scan: { sha256: SHA_2, size: 5000, contentType: 'application/pdf' },
    });

    await scans.saveScan('c1', 1, SHA_1, pdf(1));

    const copy = await store.db.copies.get('c1');
    expect(copy?.download).toBe('missing');
    expect(copy?.storedRevision).toBe(1);
    expect(await bytesOf(await scans.loadScan('c1'))).toEqual(
      Array.from(pdfBytes(1)),
    );
  });

  it('saves a scan of a copy not listed yet', async () => {
    await scans.saveScan('c9', 1, SHA_1, pdf(9));

    expect(await scans.hasScan('c9', SHA_1)).toBe(true);
    expect(await store.db.copies.get('c9')).toBeUndefined();
  });

  it('keeps no clear bytes in IndexedDB', async () => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));

    const raw = (await readRawRow(store.db.name, 'scans', 'c1')) as ScanRow;
    const stored = new Uint8Array(await raw.data.ciphertext.arrayBuffer());

    expect(containsBytes(pdfBytes(1), MARKER)).toBe(true);
    expect(containsBytes(stored, MARKER)).toBe(false);
    expect(stored.byteLength).toBe(4096 + 16);
  });

  it('encrypts from bytes without reading a Blob', async () => {
    const readBlob = vi.spyOn(Blob.prototype, 'arrayBuffer');

    await scans.saveScan('c1', 1, SHA_1, pdf(1));

    expect(readBlob).not.toHaveBeenCalled();
    readBlob.mockRestore();
    const row = await store.db.scans.get('c1');
    expect(row?.data.ciphertext).toBeInstanceOf(Blob);
    expect(row?.size).toBe(4096);
    expect(await bytesOf(await scans.loadScan('c1'))).toEqual(
      Array.from(pdfBytes(1)),
    );
  });

  it('saves only the bytes of a view', async () => {
    const buffer = new Uint8Array(6000);
    buffer.set(pdfBytes(1), 1000);

    await scans.saveScan('c1', 1, SHA_1, buffer.subarray(1000, 5096));

    expect((await store.db.scans.get('c1'))?.size).toBe(4096);
    expect(await bytesOf(await scans.loadScan('c1'))).toEqual(
      Array.from(pdfBytes(1)),
    );
  });

  it('replaces an older revision', async () => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));

    await scans.saveScan('c1', 2, SHA_2, pdf(2, 5000));

    expect(await bytesOf(await scans.loadScan('c1'))).toEqual(
      Array.from(pdfBytes(2, 5000)),
    );
    expect(await scans.hasScan('c1', SHA_1)).toBe(false);
    expect(await scans.hasScan('c1', SHA_2)).toBe(true);
    expect((await store.db.copies.get('c1'))?.storedRevision).toBe(2);
  });

  it('rejects an older revision over a newer one', async () => {
    await scans.saveScan('c1', 2, SHA_2, pdf(2));

    const stale = scans.saveScan('c1', 1, SHA_1, pdf(1));

    await expect(stale).rejects.toThrow(
      'Scan revision 1 of copy c1 was not stored: revision 2 is already stored',
    );
    expect(await scans.hasScan('c1', SHA_2)).toBe(true);
  });

  it('rejects a scan encrypted with another key', async () => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));
    const otherKey = new RecordCipher(new MemoryKeyProvider());

    const failure = new EncryptedScanStore(store.db, otherKey).loadScan('c1');

    await expect(failure).rejects.toThrow(RecordDecryptionError);
    await expect(failure).rejects.toThrow('scan record "c1"');
  });

  it('rejects a tampered scan', async () => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));
    const row = (await store.db.scans.get('c1')) as ScanRow;
    const ciphertext = new Uint8Array(await row.data.ciphertext.arrayBuffer());
    ciphertext[500] = (ciphertext[500] ?? 0) ^ 0xff;
    await store.db.scans.update('c1', {
      data: { iv: row.data.iv, ciphertext: new Blob([ciphertext]) },
    });

    await expect(scans.loadScan('c1')).rejects.toThrow(RecordDecryptionError);
  });

  it('rejects a scan moved to another copy', async () => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));
    await scans.saveScan('c2', 1, SHA_1, pdf(2));
    const c2 = (await store.db.scans.get('c2')) as ScanRow;
    await store.db.scans.update('c1', { data: c2.data });

    await expect(scans.loadScan('c1')).rejects.toThrow('scan record "c1"');
  });
});

describe('EncryptedScanStore partial downloads', () => {
  it('returns identical bytes after saving', async () => {
    await scans.savePartial('c1', SHA_1, pdf(1, 1500));

    expect(await bytesOf(await scans.loadPartial('c1', SHA_1))).toEqual(
      Array.from(pdfBytes(1, 1500)),
    );
    expect((await store.db.copies.get('c1'))?.download).toBe('partial');
  });

  it('returns the bytes as an array', async () => {
    await scans.savePartial('c1', SHA_1, pdf(1, 1500));

    const loaded = await scans.loadPartial('c1', SHA_1);

    expect(loaded).toBeInstanceOf(Uint8Array);
    expect(loaded?.byteLength).toBe(1500);
    expect((await store.db.partials.get('c1'))?.size).toBe(1500);
  });

  it('returns null for another SHA-256', async () => {
    await scans.savePartial('c1', SHA_1, pdf(1, 1500));

    expect(await scans.loadPartial('c1', SHA_2)).toBeNull();
    expect(await scans.loadPartial('c2', SHA_1)).toBeNull();
  });

  it('replaces the previous bytes', async () => {
    await scans.savePartial('c1', SHA_1, pdf(1, 1000));

    await scans.savePartial('c1', SHA_1, pdf(1, 3000));

    expect(await bytesOf(await scans.loadPartial('c1', SHA_1))).toEqual(
      Array.from(pdfBytes(1, 3000)),
    );
  });

  it('keeps no clear bytes in IndexedDB', async () => {
    await scans.savePartial('c1', SHA_1, pdf(1, 1500));

    const raw = (await readRawRow(store.db.name, 'partials', 'c1')) as {
      data: { ciphertext: Blob };
    };
    const stored = new Uint8Array(await raw.data.ciphertext.arrayBuffer());

    expect(containsBytes(stored, MARKER)).toBe(false);
  });

  it('deletes the partial download', async () => {
    await scans.savePartial('c1', SHA_1, pdf(1, 1500));

    await scans.deletePartial('c1');

    expect(await scans.loadPartial('c1', SHA_1)).toBeNull();
    expect((await store.db.copies.get('c1'))?.download).toBe('missing');
  });

  it('deletes the partial when the scan is saved', async () => {
    await scans.savePartial('c1', SHA_1, pdf(1, 1500));

    await scans.saveScan('c1', 1, SHA_1, pdf(1));

    expect(await store.db.partials.get('c1')).toBeUndefined();
  });

  it('leaves a stored scan marked stored', async () => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));

    await scans.savePartial('c1', SHA_2, pdf(2, 300));

    expect((await store.db.copies.get('c1'))?.download).toBe('stored');
  });
});

describe('EncryptedScanStore withdrawn copies', () => {
  it('marks the copy withdrawn and keeps its scan', async () => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));

    await scans.markWithdrawn('c1');

    const copy = await store.db.copies.get('c1');
    expect(copy?.withdrawnAt).toEqual(expect.any(String));
    expect(await scans.hasScan('c1', SHA_1)).toBe(true);
  });

  it('drops the partial download', async () => {
    await scans.savePartial('c2', SHA_1, pdf(1, 300));

    await scans.markWithdrawn('c2');

    expect(await store.db.partials.get('c2')).toBeUndefined();
    expect((await store.db.copies.get('c2'))?.download).toBe('missing');
  });

  it('keeps the first withdrawal time', async () => {
    const times = ['2026-06-20T10:00:00.000Z', '2026-06-21T10:00:00.000Z'];
    const clocked = new EncryptedScanStore(
      store.db,
      store.cipher,
      () => new Date(times.shift() ?? 0),
    );

    await clocked.markWithdrawn('c1');
    await clocked.markWithdrawn('c1');

    expect((await store.db.copies.get('c1'))?.withdrawnAt).toBe(
      '2026-06-20T10:00:00.000Z',
    );
  });
});

describe('EncryptedScanStore full storage', () => {
  const quotaErrors: [string, () => unknown][] = [
    [
      'a DOMException',
      () => new DOMException('Quota exceeded', 'QuotaExceededError'),
    ],
    [
      'a Dexie QuotaExceededError',
      () =>
        new Dexie.QuotaExceededError(
          new DOMException('Quota exceeded', 'QuotaExceededError'),
        ),
    ],
    [
      'a Dexie AbortError',
      () =>
        new Dexie.AbortError(
          'Transaction aborted',
          new DOMException('Quota exceeded', 'QuotaExceededError'),
        ),
    ],
  ];

  it.each(quotaErrors)('maps %s on a scan', async (_label, error) => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));
    await scans.savePartial('c1', SHA_2, pdf(2, 800));
    store.writeFailures.failWritesTo('scans', error);

    const failure = scans.saveScan('c1', 2, SHA_2, pdf(2));

    await expect(failure).rejects.toBeInstanceOf(StorageFullError);
    await expect(failure).rejects.toThrow(
      'Not enough storage space to save the scan of copy c1',
    );
    expect(await bytesOf(await scans.loadScan('c1'))).toEqual(
      Array.from(pdfBytes(1)),
    );
    expect(await bytesOf(await scans.loadPartial('c1', SHA_2))).toEqual(
      Array.from(pdfBytes(2, 800)),
    );
    expect((await store.db.copies.get('c1'))?.storedRevision).toBe(1);
  });

  it('rolls back a scan when its last write fails', async () => {
    await scans.saveScan('c1', 1, SHA_1, pdf(1));
    await scans.savePartial('c1', SHA_2, pdf(2, 800));
    store.writeFailures.failWritesTo('copies');

    const failure = scans.saveScan('c1', 2, SHA_2, pdf(2));

    await expect(failure).rejects.toBeInstanceOf(StorageFullError);
    expect(await scans.hasScan('c1', SHA_1)).toBe(true);
    expect(await scans.loadPartial('c1', SHA_2)).not.toBeNull();
  });

  it('maps a full quota on a partial download', async () => {
    await scans.savePartial('c1', SHA_1, pdf(1, 500));
    store.writeFailures.failWritesTo('partials');

    const failure = scans.savePartial('c1', SHA_1, pdf(1, 900));

    await expect(failure).rejects.toBeInstanceOf(StorageFullError);
    expect(await bytesOf(await scans.loadPartial('c1', SHA_1))).toEqual(
      Array.from(pdfBytes(1, 500)),
    );
  });

  it('passes other write errors on unchanged', async () => {
    const constraint = new DOMException('Key exists', 'ConstraintError');
    store.writeFailures.failWritesTo('scans', () => constraint);

    const failure = scans.saveScan('c1', 1, SHA_1, pdf(1));

    await expect(failure).rejects.not.toBeInstanceOf(StorageFullError);
    await expect(failure).rejects.toThrow('Key exists');
  });
});
