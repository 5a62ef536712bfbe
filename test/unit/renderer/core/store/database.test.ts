import 'fake-indexeddb/auto';

import { describe, expect, it } from 'vitest';

import { CopydeskDatabase } from '../../../../../renderer/core/store/database';
import type { GradeRow } from '../../../../../renderer/core/store/rows';
import {
  SCHEMA_VERSIONS,
  type SchemaVersion,
} from '../../../../../renderer/core/store/schema';
import { copyRow, uniqueDatabaseName } from './test-store';

/** Opens the database with raw IndexedDB and lists its stores and indexes. */
function describeRawSchema(
  name: string,
): Promise<{ version: number; stores: Record<string, string[]> }> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(name);
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const database = opening.result;
      const names = Array.from(database.objectStoreNames);
      const stores: Record<string, string[]> = {};

      if (names.length > 0) {
        const transaction = database.transaction(names, 'readonly');
        for (const storeName of names) {
          const store = transaction.objectStore(storeName);
          const keyPath = JSON.stringify(store.keyPath);
          stores[storeName] = [keyPath, ...Array.from(store.indexNames)];
        }
      }

      database.close();
      resolve({ version: database.version, stores });
    };
  });
}

const gradeOfC1: GradeRow = {
  copyId: 'c1',
  baseVersion: 3,
  updatedAt: '2026-06-20T10:00:00.000Z',
  editCount: 4,
  content: { iv: new Uint8Array(12), ciphertext: new ArrayBuffer(8) },
};

describe('CopydeskDatabase schema', () => {
  it('creates every table with its key and indexes', async () => {
    const name = uniqueDatabaseName();
    const db = new CopydeskDatabase(name);
    await db.open();
    db.close();

    const schema = await describeRawSchema(name);

    expect(schema.stores).toEqual({
      batches: ['"id"', 'sessionId'],
      schemes: ['"id"'],
      copies: ['"id"', '[batchId+anonymousCode]', 'batchId'],
      scans: ['"copyId"'],
      partials: ['"copyId"'],
      grades: ['"copyId"', 'updatedAt'],
      outbox: ['"copyId"', 'createdAt'],
      ocr: [
        '["copyId","revision","page"]',
        '[batchId+scope]',
        '[copyId+revision]',
        'copyId',
      ],
      kv: ['"key"'],
      pageViews: ['"copyId"'],
      reports: ['"id"', 'copyId', 'state'],
      commentBank: ['"id"', 'createdAt'],
      markingTimes: ['"copyId"', 'batchId'],
      conflicts: ['"copyId"'],
      ocrChecks: ['["copyId","revision"]', 'batchId', 'copyId'],
    });
  });

  it('lists copies of a batch by anonymous code', async () => {
    const db = new CopydeskDatabase(uniqueDatabaseName());
    await db.copies.bulkPut([
      copyRow('c1', { batchId: 'b1', anonymousCode: 'A3' }),
      copyRow('c2', { batchId: 'b2', anonymousCode: 'A1' }),
      copyRow('c3', { batchId: 'b1', anonymousCode: 'A2' }),
    ]);

    const batch1 = await db.copies
      .where('[batchId+anonymousCode]')
      .between(['b1', ''], ['b1', '\uffff'])
      .toArray();

    expect(batch1.map((copy) => copy.id)).toEqual(['c3', 'c1']);
    db.close();
  });

  it('lists OCR pages of one revision in order', async () => {
    const db = new CopydeskDatabase(uniqueDatabaseName());
    const result = { iv: new Uint8Array(12), ciphertext: new ArrayBuffer(4) };
    const createdAt = '2026-06-20T10:00:00.000Z';
    const row = { batchId: 'b1', scope: 'page' as const, createdAt, result };
    await db.ocr.bulkPut([
      { ...row, copyId: 'c1', revision: 2, page: 2 },
      { ...row, copyId: 'c1', revision: 1, page: 1 },
      { ...row, copyId: 'c1', revision: 2, page: 1 },
    ]);

    const pages = await db.ocr
      .where('[copyId+revision+page]')
      .between(['c1', 2, 0], ['c1', 2, Infinity])
      .toArray();

    expect(pages.map((row) => row.page)).toEqual([1, 2]);
    db.close();
  });
});

describe('CopydeskDatabase migrations', () => {
  // A next version as a later release would add it: an index on grades
  // and a new field filled in for the rows already stored.
  const nextVersion = SCHEMA_VERSIONS.length + 1;
  const version2: SchemaVersion = {
    version: nextVersion,
    stores: { grades: 'copyId, updatedAt, syncState' },
    async upgrade(transaction) {
      await transaction
        .table('grades')
        .toCollection()
        .modify((row: GradeRow & { syncState?: string }) => {
          row.syncState = row.baseVersion === null ? 'new' : 'synced';
        });
    },
  };

  it('keeps version 1 rows when upgrading', async () => {
    const name = uniqueDatabaseName();
    const v1 = new CopydeskDatabase(name);
    await v1.copies.put(copyRow('c1'));
    await v1.grades.put(gradeOfC1);
    await v1.kv.put({ key: 'changes-cursor', value: '42' });
    v1.close();

    const v2 = new CopydeskDatabase(name, [...SCHEMA_VERSIONS, version2]);
    const grade = await v2.grades.get('c1');

    expect(v2.verno).toBe(nextVersion);
    expect(await v2.copies.get('c1')).toEqual(copyRow('c1'));
    expect(await v2.kv.get('changes-cursor')).toEqual({
      key: 'changes-cursor',
      value: '42',
    });
    expect(grade?.baseVersion).toBe(3);
    expect(Array.from(grade?.content.iv ?? [])).toEqual(Array(12).fill(0));
    v2.close();
  });

  it('runs the upgrade on stored rows', async () => {
    const name = uniqueDatabaseName();
    const v1 = new CopydeskDatabase(name);
    await v1.grades.bulkPut([
      gradeOfC1,
      { ...gradeOfC1, copyId: 'c2', baseVersion: null },
    ]);
    v1.close();

    const v2 = new CopydeskDatabase(name, [...SCHEMA_VERSIONS, version2]);
    const newGrades = await v2.grades
      .where('syncState')
      .equals('new')
      .primaryKeys();

    expect(newGrades).toEqual(['c2']);
    expect((await describeRawSchema(name)).version).toBe(nextVersion * 10);
    v2.close();
  });

  it('leaves version 1 intact when an upgrade fails', async () => {
    const name = uniqueDatabaseName();
    const v1 = new CopydeskDatabase(name);
    await v1.grades.put(gradeOfC1);
    v1.close();
    const versionOnDisk = (await describeRawSchema(name)).version;
    const failing: SchemaVersion = {
      ...version2,
      async upgrade() {
        throw new Error('migration bug');
      },
    };

    const v2 = new CopydeskDatabase(name, [...SCHEMA_VERSIONS, failing]);

    await expect(v2.open()).rejects.toThrow('migration bug');
    v2.close();
    const reopened = new CopydeskDatabase(name);
    expect(await reopened.grades.get('c1')).toEqual(gradeOfC1);
    reopened.close();
    expect((await describeRawSchema(name)).version).toBe(versionOnDisk);
  });
});

describe('CopydeskDatabase version 4', () => {
  it('drops OCR rows without a batch', async () => {
    const name = uniqueDatabaseName();
    const v3 = new CopydeskDatabase(name, SCHEMA_VERSIONS.slice(0, 3));
    const result = { iv: new Uint8Array(12), ciphertext: new ArrayBuffer(4) };
    const createdAt = '2026-06-20T10:00:00.000Z';
    await v3
      .table('ocr')
      .put({ copyId: 'c1', revision: 1, page: 1, createdAt, result });
    await v3.ocr.put({
      copyId: 'c1',
      revision: 1,
      page: 2,
      createdAt,
      result,
      batchId: 'b1',
      scope: 'page',
    });
    await v3.copies.put(copyRow('c1'));
    v3.close();

    const v4 = new CopydeskDatabase(name);
    const pages = await v4.ocr.toArray();
    const copies = await v4.copies.count();

    expect(v4.verno).toBe(4);
    expect(pages.map((row) => row.page)).toEqual([2]);
    expect(copies).toBe(1);
    v4.close();
  });
});
