import Dexie, { type DBCore, type DBCoreMutateRequest } from 'dexie';

import { MemoryKeyProvider } from '../../../../../renderer/core/crypto/memory-key-provider';
import { RecordCipher } from '../../../../../renderer/core/crypto/record-cipher';
import { CopydeskDatabase } from '../../../../../renderer/core/store/database';
import type { CopyRow } from '../../../../../renderer/core/store/rows';

let databaseNumber = 0;

/** Returns a database name no other test in this process uses. */
export function uniqueDatabaseName(prefix = 'copydesk-test'): string {
  databaseNumber += 1;
  return `${prefix}-${databaseNumber}`;
}

/**
 * Makes chosen writes fail as IndexedDB does when the quota is used up. The
 * failure is injected at Dexie's lowest layer, where browser errors appear.
 */
export class WriteFailureSwitch {
  table: string | null = null;
  error: () => unknown = () =>
    new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  failWritesTo(table: string, error?: () => unknown): void {
    this.table = table;
    if (error) {
      this.error = error;
    }
  }

  install(db: Dexie): void {
    db.use({
      stack: 'dbcore',
      name: 'write-failure-switch',
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (tableName) => {
          const table = down.table(tableName);
          return {
            ...table,
            mutate: (request: DBCoreMutateRequest) => {
              if (tableName === this.table && request.type !== 'delete') {
                return Promise.reject(this.error());
              }
              return table.mutate(request);
            },
          };
        },
      }),
    });
  }
}

export interface TestStore {
  db: CopydeskDatabase;
  cipher: RecordCipher;
  writeFailures: WriteFailureSwitch;
}

export function openTestStore(): TestStore {
  const db = new CopydeskDatabase(uniqueDatabaseName());
  const writeFailures = new WriteFailureSwitch();
  writeFailures.install(db);

  return {
    db,
    cipher: new RecordCipher(new MemoryKeyProvider()),
    writeFailures,
  };
}

export function copyRow(id: string, overrides: Partial<CopyRow> = {}): CopyRow {
  return {
    id,
    batchId: 'b1',
    anonymousCode: `A${id}`,
    pageCount: 4,
    scan: {
      sha256: 'a'.repeat(64),
      size: 1000,
      contentType: 'application/pdf',
    },
    revision: 1,
    download: 'missing',
    storedRevision: null,
    withdrawnAt: null,
    ...overrides,
  };
}

/** Reads a row straight from IndexedDB, bypassing Dexie and the cipher. */
export function readRawRow(
  databaseName: string,
  table: string,
  key: IDBValidKey,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(databaseName);
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const database = opening.result;
      const request = database
        .transaction(table, 'readonly')
        .objectStore(table)
        .get(key);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        database.close();
        resolve(request.result);
      };
    };
  });
}

/** Tests whether `needle` occurs in `haystack` as a run of bytes. */
export function containsBytes(
  haystack: Uint8Array,
  needle: Uint8Array,
): boolean {
  for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    let matched = true;
    for (let offset = 0; offset < needle.length; offset += 1) {
      if (haystack[start + offset] !== needle[offset]) {
        matched = false;
        break;
      }
    }
    if (matched) {
      return true;
    }
  }
  return false;
}
