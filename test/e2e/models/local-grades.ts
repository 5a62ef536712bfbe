import type { Page } from '@playwright/test';

/** A grade of the app's local store, decrypted. */
export interface DecryptedGrade {
  copyId: string;
  /** Server version the local grade is based on; null before the first push. */
  baseVersion: number | null;
  status: string;
  marks: Record<string, number>;
  comment: string;
  flags: string[];
  annotations: {
    id: string;
    page: number;
    kind: string;
    geometry: unknown;
    text?: string;
    color?: string;
  }[];
}

/**
 * Reads every grade of the app's local store and decrypts it in the page,
 * with the storage key that the browser build keeps in its own IndexedDB
 * database (`copydesk-keys`), as the app does.
 *
 * The decryption repeats the stored format of
 * `renderer/core/crypto/record-cipher.ts`: AES-GCM with the row's IV and,
 * as additional data, the JSON of `['copydesk-record', 1, 'grade', copyId]`.
 * A change of that format makes this helper throw rather than read wrong
 * values, because AES-GCM then fails to authenticate.
 */
export function readDecryptedGrades(page: Page): Promise<DecryptedGrade[]> {
  return page.evaluate(async () => {
    function readAll(databaseName: string, table: string): Promise<unknown[]> {
      return new Promise((resolve, reject) => {
        const opening = indexedDB.open(databaseName);
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const database = opening.result;
          const request = database
            .transaction(table, 'readonly')
            .objectStore(table)
            .getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            database.close();
            resolve(request.result as unknown[]);
          };
        };
      });
    }

    const keys = (await readAll('copydesk-keys', 'keys')) as {
      name: string;
      key: CryptoKey;
    }[];
    const key = keys.find((entry) => entry.name === 'storage-key')?.key;
    if (key === undefined) {
      throw new Error(
        'The browser build has stored no storage key yet: open the app and save a grade before reading grades',
      );
    }

    const rows = (await readAll('copydesk', 'grades')) as {
      copyId: string;
      baseVersion: number | null;
      content: { iv: Uint8Array<ArrayBuffer>; ciphertext: ArrayBuffer };
    }[];
    const grades = [];
    for (const row of rows) {
      const additionalData = new TextEncoder().encode(
        JSON.stringify(['copydesk-record', 1, 'grade', row.copyId]),
      );
      const plaintext = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: row.content.iv, additionalData },
        key,
        row.content.ciphertext,
      );
      grades.push({
        copyId: row.copyId,
        baseVersion: row.baseVersion,
        ...JSON.parse(new TextDecoder().decode(plaintext)),
      });
    }
    return grades;
  });
}
