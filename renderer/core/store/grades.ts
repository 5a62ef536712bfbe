import type { RecordCipher, RecordRef } from '../crypto/record-cipher';
import type { CopydeskDatabase } from './database';
import { coalesceOutboxEntry } from './outbox';
import { withQuotaCheck } from './quota';
import type { GradeContent, GradeRow, GradeSummary } from './rows';

/** Fields of a grade to replace. A field left out keeps its value. */
export type GradeChange = Partial<GradeContent>;

/** A copy's grade as the examiner last left it on this computer. */
export interface LocalGrade extends GradeContent {
  copyId: string;
  baseVersion: number | null;
  updatedAt: string;
}

/** The grade of a copy not marked yet. */
export const EMPTY_GRADE: GradeContent = {
  status: 'draft',
  marks: {},
  comment: '',
  flags: [],
  annotations: [],
};

const CHANGE_FIELDS = [
  'status',
  'marks',
  'comment',
  'flags',
  'annotations',
] as const satisfies readonly (keyof GradeContent)[];

// Edits of one copy from two tabs at once are rare, so a few rereads are
// enough before giving up.
const MAX_EDIT_ATTEMPTS = 5;

class ConcurrentEditError extends Error {
  constructor(copyId: string) {
    super(`The grade of copy ${copyId} changed while an edit was saved.`);
    this.name = 'ConcurrentEditError';
  }
}

/** Reads and edits the local, encrypted working copy of each grade. */
export class GradeStore {
  readonly #db: CopydeskDatabase;
  readonly #cipher: RecordCipher;
  readonly #now: () => Date;
  readonly #pendingEdits = new Map<string, Promise<unknown>>();

  constructor(
    db: CopydeskDatabase,
    cipher: RecordCipher,
    now: () => Date = () => new Date(),
  ) {
    this.#db = db;
    this.#cipher = cipher;
    this.#now = now;
  }

  /** Returns the copy's grade, decrypted, or null when it has none. */
  async readGrade(copyId: string): Promise<LocalGrade | null> {
    const row = await this.#db.grades.get(copyId);
    if (!row) {
      return null;
    }

    return this.#toLocalGrade(row);
  }

  /**
   * Applies an edit to the copy's grade and coalesces its outbox entry, both
   * in one transaction, and returns the grade as stored. Edits of one copy
   * through this store apply in call order. Rejects with `StorageFullError`
   * when there is no room, with the grade unchanged.
   */
  saveGradeEdit(copyId: string, change: GradeChange): Promise<LocalGrade> {
    const previous = this.#pendingEdits.get(copyId) ?? Promise.resolve();
    const saved = previous
      .catch(() => undefined)
      .then(() => this.#saveWithRetries(copyId, change));

    this.#pendingEdits.set(copyId, saved);
    void saved
      .catch(() => undefined)
      .then(() => {
        if (this.#pendingEdits.get(copyId) === saved) {
          this.#pendingEdits.delete(copyId);
        }
      });
    return saved;
  }

  // Retries cover edits stored by another store instance, such as a second
  // tab, between this edit's first read and its transaction.
  async #saveWithRetries(
    copyId: string,
    change: GradeChange,
  ): Promise<LocalGrade> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#trySaveGradeEdit(copyId, change);
      } catch (error) {
        if (
          error instanceof ConcurrentEditError &&
          attempt < MAX_EDIT_ATTEMPTS
        ) {
          continue;
        }
        throw error;
      }
    }
  }

  // Encryption cannot run inside an IndexedDB transaction, so the edit is
  // prepared from a first read, and the transaction writes it only if no
  // other edit was stored in between.
  async #trySaveGradeEdit(
    copyId: string,
    change: GradeChange,
  ): Promise<LocalGrade> {
    const stored = await this.#db.grades.get(copyId);
    const current = stored ? await this.#decrypt(stored) : EMPTY_GRADE;
    const editCount = stored?.editCount ?? 0;

    const content = applyChange(current, change);
    const encrypted = await this.#cipher.encryptJson(
      gradeRecord(copyId),
      content,
    );
    const updatedAt = this.#now().toISOString();

    const write = () =>
      this.#db.transaction(
        'rw',
        [this.#db.grades, this.#db.outbox],
        async () => {
          const latest = await this.#db.grades.get(copyId);
          if ((latest?.editCount ?? 0) !== editCount) {
            throw new ConcurrentEditError(copyId);
          }

          // The base version comes from this read, because a push may have
          // completed since the first one.
          const row: GradeRow = {
            copyId,
            baseVersion: latest?.baseVersion ?? null,
            updatedAt,
            editCount: editCount + 1,
            summary: summarizeGrade(content),
            content: encrypted,
          };
          await this.#db.grades.put(row);

          const entry = await this.#db.outbox.get(copyId);
          await this.#db.outbox.put(
            coalesceOutboxEntry(entry, copyId, updatedAt),
          );
          return row;
        },
      );

    const row = await withQuotaCheck(
      write,
      `Not enough storage space to save the grade of copy ${copyId}; the previous version of the grade is kept. Free disk space or remove downloaded batches that are fully synced, then enter the change again.`,
    );
    return { copyId, baseVersion: row.baseVersion, updatedAt, ...content };
  }

  /**
   * Fills in the clear summary of rows stored before summaries existed, and
   * returns how many it filled. A row edited meanwhile is left to its edit,
   * which writes its own summary.
   */
  async addMissingSummaries(): Promise<number> {
    const rows = await this.#db.grades
      .filter((row) => row.summary === undefined)
      .toArray();

    let filled = 0;
    for (const row of rows) {
      const summary = summarizeGrade(await this.#decrypt(row));
      const updated = await this.#db.transaction(
        'rw',
        this.#db.grades,
        async () => {
          const latest = await this.#db.grades.get(row.copyId);
          if (latest?.editCount !== row.editCount) {
            return false;
          }
          await this.#db.grades.put({ ...latest, summary });
          return true;
        },
      );
      if (updated) {
        filled += 1;
      }
    }
    return filled;
  }

  /** Decrypts a grade row read by the caller. */
  decryptGrade(row: GradeRow): Promise<LocalGrade> {
    return this.#toLocalGrade(row);
  }

  async #toLocalGrade(row: GradeRow): Promise<LocalGrade> {
    const content = await this.#decrypt(row);
    return {
      copyId: row.copyId,
      baseVersion: row.baseVersion,
      updatedAt: row.updatedAt,
      ...content,
    };
  }

  #decrypt(row: GradeRow): Promise<GradeContent> {
    return this.#cipher.decryptJson<GradeContent>(
      gradeRecord(row.copyId),
      row.content,
    );
  }
}

/** Returns the part of a grade that lists and filters read in clear. */
export function summarizeGrade(content: GradeContent): GradeSummary {
  return {
    status: content.status,
    flags: [...content.flags],
    markedCount: Object.keys(content.marks).length,
    annotationCount: content.annotations.length,
    hasComment: content.comment.trim() !== '',
  };
}

function applyChange(current: GradeContent, change: GradeChange): GradeContent {
  const next: GradeContent = { ...current };

  for (const field of CHANGE_FIELDS) {
    if (change[field] !== undefined) {
      Object.assign(next, { [field]: change[field] });
    }
  }
  return next;
}

/** The record a grade's content is encrypted as. */
export function gradeRecord(copyId: string): RecordRef {
  return { kind: 'grade', id: copyId };
}
