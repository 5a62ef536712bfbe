/**
 * OCR readings and integrity findings in the local store. Readings are the
 * candidate's text, so they are encrypted like grades and scans. Each is
 * bound to its copy, revision, page and scope, so a reading cannot pass for
 * another page's. Only the current scan revision of a copy keeps readings:
 * storing one for a newer revision deletes the older revisions' readings
 * and findings.
 */
import type { OcrReading } from '../../../shared/ocr/ocr-types';
import type { RecordCipher, RecordRef } from '../crypto/record-cipher';
import type { CopydeskDatabase } from '../store/database';
import type { OcrScope } from '../store/rows';
import type { IntegrityFinding } from './integrity-finding';

/** One page of one scan revision, as the queue and the store name it. */
export interface OcrPageRef {
  copyId: string;
  batchId: string;
  revision: number;
  /** Page number, counted from 1. */
  page: number;
}

/** A stored reading with the scope it covers. */
export interface StoredReading {
  page: number;
  scope: OcrScope;
  reading: OcrReading;
}

/** Pages of a batch read as a whole, out of the pages of its stored scans. */
export interface BatchOcrProgress {
  pagesRead: number;
  pagesTotal: number;
  /** Copies whose integrity checks ran, out of the copies stored. */
  copiesChecked: number;
  copiesStored: number;
}

export class OcrStore {
  readonly #db: CopydeskDatabase;
  readonly #cipher: RecordCipher;
  readonly #now: () => Date;

  constructor(
    db: CopydeskDatabase,
    cipher: RecordCipher,
    now: () => Date = () => new Date(),
  ) {
    this.#db = db;
    this.#cipher = cipher;
    this.#now = now;
  }

  /**
   * Stores a reading of a page. Returns false, and stores nothing, when the
   * copy's stored scan is no longer that revision (rescanned or withdrawn
   * while it was read), or when the page already has a whole-page reading
   * and this one covers only the header band.
   */
  async saveReading(
    ref: OcrPageRef,
    scope: OcrScope,
    reading: OcrReading,
  ): Promise<boolean> {
    const result = await this.#cipher.encryptJson(
      ocrRecord(ref, scope),
      reading,
    );
    const createdAt = this.#now().toISOString();
    const db = this.#db;

    return db.transaction('rw', [db.ocr, db.ocrChecks, db.copies], async () => {
      const copy = await db.copies.get(ref.copyId);
      if (copy?.storedRevision !== ref.revision || copy.withdrawnAt !== null) {
        return false;
      }

      const stored = await db.ocr.get([ref.copyId, ref.revision, ref.page]);
      if (stored?.scope === 'page' && scope === 'header') {
        return false;
      }

      await db.ocr.put({ ...ref, scope, createdAt, result });
      await this.#deleteOtherRevisions(ref.copyId, ref.revision);
      return true;
    });
  }

  /** Returns the stored reading of a page, decrypted, or null when none is. */
  async loadReading(
    copyId: string,
    revision: number,
    page: number,
  ): Promise<StoredReading | null> {
    const row = await this.#db.ocr.get([copyId, revision, page]);
    if (row === undefined) {
      return null;
    }

    const reading = await this.#cipher.decryptJson<OcrReading>(
      ocrRecord(row, row.scope),
      row.result,
    );
    return { page, scope: row.scope, reading };
  }

  /** Returns every stored reading of one scan revision, by page order. */
  async loadCopyReadings(
    copyId: string,
    revision: number,
  ): Promise<StoredReading[]> {
    const rows = await this.#db.ocr
      .where('[copyId+revision]')
      .equals([copyId, revision])
      .sortBy('page');

    const readings: StoredReading[] = [];
    for (const row of rows) {
      const reading = await this.#cipher.decryptJson<OcrReading>(
        ocrRecord(row, row.scope),
        row.result,
      );
      readings.push({ page: row.page, scope: row.scope, reading });
    }
    return readings;
  }

  /** Returns the scope read of each page of a scan revision, without the key. */
  async readScopes(
    copyId: string,
    revision: number,
  ): Promise<Map<number, OcrScope>> {
    const rows = await this.#db.ocr
      .where('[copyId+revision]')
      .equals([copyId, revision])
      .toArray();
    return new Map(rows.map((row) => [row.page, row.scope]));
  }

  /**
   * Stores the integrity findings of a scan revision, checked with the
   * header layout whose key is `layoutKey`, replacing earlier ones.
   * Returns false when that revision is no longer the stored one.
   */
  async saveFindings(
    copyId: string,
    batchId: string,
    revision: number,
    findings: IntegrityFinding[],
    layoutKey?: string,
  ): Promise<boolean> {
    const checkedAt = this.#now().toISOString();
    const db = this.#db;

    return db.transaction('rw', [db.ocr, db.ocrChecks, db.copies], async () => {
      const copy = await db.copies.get(copyId);
      if (copy?.storedRevision !== revision || copy.withdrawnAt !== null) {
        return false;
      }

      await db.ocrChecks.put({
        copyId,
        batchId,
        revision,
        checkedAt,
        layoutKey,
        findings,
      });
      await this.#deleteOtherRevisions(copyId, revision);
      return true;
    });
  }

  /** Returns whether the integrity checks of a scan revision ran. */
  async hasFindings(copyId: string, revision: number): Promise<boolean> {
    return (await this.#db.ocrChecks.get([copyId, revision])) !== undefined;
  }

  /**
   * Returns the key of the header layout that the stored checks of a scan
   * revision used, `undefined` for checks stored without one (made with
   * the default layout), or `null` when the checks have not run.
   */
  async findingsLayoutKey(
    copyId: string,
    revision: number,
  ): Promise<string | undefined | null> {
    const row = await this.#db.ocrChecks.get([copyId, revision]);
    return row === undefined ? null : row.layoutKey;
  }

  /**
   * Deletes the readings and findings of every revision of a copy but
   * `revision`, such as those of a scan replaced by a rescan.
   */
  async deleteOtherRevisions(copyId: string, revision: number): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', [db.ocr, db.ocrChecks], () =>
      this.#deleteOtherRevisions(copyId, revision),
    );
  }

  /**
   * Counts a batch's OCR progress over its stored, not withdrawn copies,
   * counting only readings of each copy's stored revision.
   */
  async batchProgress(batchId: string): Promise<BatchOcrProgress> {
    const db = this.#db;
    return db.transaction('r', [db.copies, db.ocr, db.ocrChecks], async () => {
      const copies = (
        await db.copies.where('batchId').equals(batchId).toArray()
      ).filter((copy) => copy.storedRevision !== null && !copy.withdrawnAt);
      const revisions = new Map(
        copies.map((copy) => [copy.id, copy.storedRevision]),
      );

      const pagesRead = await db.ocr
        .where('[batchId+scope]')
        .equals([batchId, 'page'])
        .filter((row) => revisions.get(row.copyId) === row.revision)
        .count();
      const copiesChecked = await db.ocrChecks
        .where('batchId')
        .equals(batchId)
        .filter((row) => revisions.get(row.copyId) === row.revision)
        .count();

      return {
        pagesRead,
        pagesTotal: copies.reduce((sum, copy) => sum + copy.pageCount, 0),
        copiesChecked,
        copiesStored: copies.length,
      };
    });
  }

  async #deleteOtherRevisions(copyId: string, revision: number): Promise<void> {
    await this.#db.ocr
      .where('copyId')
      .equals(copyId)
      .filter((row) => row.revision !== revision)
      .delete();
    await this.#db.ocrChecks
      .where('copyId')
      .equals(copyId)
      .filter((row) => row.revision !== revision)
      .delete();
  }
}

function ocrRecord(
  ref: { copyId: string; revision: number; page: number },
  scope: OcrScope,
): RecordRef {
  return {
    kind: 'ocr',
    id: ref.copyId,
    bindings: [ref.revision, ref.page, scope],
  };
}
