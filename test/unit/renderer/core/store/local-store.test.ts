import 'fake-indexeddb/auto';

import { describe, expect, it } from 'vitest';

import { createImportedKeyProvider } from '../../../../../renderer/core/crypto/key-provider';
import { RecordDecryptionError } from '../../../../../renderer/core/crypto/record-cipher';
import { createLocalStore } from '../../../../../renderer/core/store/local-store';
import { uniqueDatabaseName } from './test-store';

const SHA = 'f'.repeat(64);

describe('createLocalStore', () => {
  it('reads its data back after reopening', async () => {
    const name = uniqueDatabaseName();
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const first = createLocalStore(
      createImportedKeyProvider(async () => raw),
      name,
    );
    await first.grades.saveGradeEdit('c1', { marks: { q1: 2.5 } });
    await first.scans.saveScan(
      'c1',
      1,
      SHA,
      new TextEncoder().encode('%PDF-1.7'),
    );
    first.close();

    const second = createLocalStore(
      createImportedKeyProvider(async () => raw),
      name,
    );

    expect((await second.grades.readGrade('c1'))?.marks).toEqual({ q1: 2.5 });
    expect(await (await second.scans.loadScan('c1'))?.text()).toBe('%PDF-1.7');
    second.close();
  });

  it('rejects reading with another key', async () => {
    const name = uniqueDatabaseName();
    const first = createLocalStore(
      createImportedKeyProvider(async () => new Uint8Array(32).fill(1)),
      name,
    );
    await first.grades.saveGradeEdit('c1', { comment: 'secret' });
    first.close();

    const second = createLocalStore(
      createImportedKeyProvider(async () => new Uint8Array(32).fill(2)),
      name,
    );

    await expect(second.grades.readGrade('c1')).rejects.toBeInstanceOf(
      RecordDecryptionError,
    );
    second.close();
  });
});
