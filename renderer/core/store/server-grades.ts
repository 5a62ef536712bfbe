/**
 * Applies the server's grades to the local store: a grade changed by
 * someone else replaces the local one when nothing local is pending, and
 * otherwise becomes a conflict that keeps both versions until the examiner
 * chooses. Every write here happens in one transaction with the outbox, so
 * a pending edit is never overwritten.
 */
import type { Grade } from '../../../shared/api/schemas';
import { canonicalJson } from '../../../shared/canonical-json';
import type {
  EncryptedBytes,
  RecordCipher,
  RecordRef,
} from '../crypto/record-cipher';
import type { CopydeskDatabase } from './database';
import { coalesceOutboxEntry } from './outbox';
import { gradeRecord, summarizeGrade } from './grades';
import { withQuotaCheck } from './quota';
import type {
  ConflictRow,
  GradeContent,
  GradeRow,
  ServerGradeContent,
} from './rows';

/** The effect of applying a server grade on the local one. */
export type ServerGradeOutcome = 'replaced' | 'conflict' | 'up-to-date';

/** A server grade encrypted both ways it may be stored. */
export interface PreparedServerGrade {
  grade: Grade;
  /** As the local grade, when it replaces it. */
  local: EncryptedBytes;
  /** As the server's side of a conflict. */
  server: EncryptedBytes;
}

/** A conflict, decrypted: the server's version beside the local grade. */
export interface GradeConflict {
  copyId: string;
  serverVersion: number;
  server: ServerGradeContent;
  source: ConflictRow['source'];
  detectedAt: string;
}

export class ServerGradeStore {
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
   * Applies a grade read from the server after a `grade-changed` change,
   * in its own transaction. See `applyPreparedServerGrade`.
   */
  async applyServerGrade(grade: Grade): Promise<ServerGradeOutcome> {
    const prepared = await this.prepareServerGrade(grade);
    const db = this.#db;

    return withQuotaCheck(
      () =>
        db.transaction('rw', [db.grades, db.outbox, db.conflicts], () =>
          this.applyPreparedServerGrade(prepared),
        ),
      `Not enough storage space to save the server's grade of copy ${grade.copyId}; the local grade is kept. Free disk space, then sync again.`,
    );
  }

  /**
   * Encrypts a server grade ahead of `applyPreparedServerGrade`, because
   * encryption cannot run inside an IndexedDB transaction.
   */
  async prepareServerGrade(grade: Grade): Promise<PreparedServerGrade> {
    return {
      grade,
      local: await this.#cipher.encryptJson(
        gradeRecord(grade.copyId),
        contentOf(grade),
      ),
      server: await this.#cipher.encryptJson(
        serverGradeRecord(grade.copyId, grade.version),
        serverContentOf(grade),
      ),
    };
  }

  /**
   * Applies a prepared server grade. Without a pending local edit the local
   * grade becomes the server's, with a notice for the examiner. With one,
   * both are kept as a conflict and the pending push is parked. A local
   * grade already at this version or a later one is left alone. Must run
   * inside a transaction over `grades`, `outbox` and `conflicts`. With
   * `notice: false` the replacement shows no notice, as for the examiner's
   * own grades read on a new computer.
   */
  async applyPreparedServerGrade(
    prepared: PreparedServerGrade,
    options: { notice?: boolean } = {},
  ): Promise<ServerGradeOutcome> {
    const { grade } = prepared;
    const db = this.#db;
    const now = this.#now().toISOString();

    const local = await db.grades.get(grade.copyId);
    if (
      local &&
      local.baseVersion !== null &&
      local.baseVersion >= grade.version
    ) {
      return 'up-to-date';
    }

    const entry = await db.outbox.get(grade.copyId);
    if (entry) {
      await db.conflicts.put({
        copyId: grade.copyId,
        serverVersion: grade.version,
        server: prepared.server,
        source: 'pull',
        detectedAt: now,
      });
      await db.outbox.put({
        ...entry,
        parked: {
          reason: 'conflict',
          status: 412,
          detail: `version ${grade.version} was written on the server by ${grade.updatedBy}`,
          parkedAt: now,
        },
      });
      return 'conflict';
    }

    const content = contentOf(grade);
    const row: GradeRow = {
      copyId: grade.copyId,
      baseVersion: grade.version,
      updatedAt: grade.updatedAt,
      editCount: (local?.editCount ?? 0) + 1,
      summary: summarizeGrade(content),
      serverChange:
        options.notice === false
          ? null
          : {
              version: grade.version,
              updatedBy: grade.updatedBy,
              updatedAt: grade.updatedAt,
              receivedAt: now,
            },
      content: prepared.local,
    };
    await db.grades.put(row);
    await db.conflicts.delete(grade.copyId);
    return 'replaced';
  }

  /**
   * Records the server's grade sent with a 412 and parks the copy's pending
   * push, whatever its key, until the examiner chooses.
   */
  async recordPushConflict(current: Grade): Promise<void> {
    const encrypted = await this.#cipher.encryptJson(
      serverGradeRecord(current.copyId, current.version),
      serverContentOf(current),
    );
    const now = this.#now().toISOString();
    const db = this.#db;

    await db.transaction('rw', [db.outbox, db.conflicts], async () => {
      await db.conflicts.put({
        copyId: current.copyId,
        serverVersion: current.version,
        server: encrypted,
        source: 'push',
        detectedAt: now,
      });
      const entry = await db.outbox.get(current.copyId);
      if (entry) {
        await db.outbox.put({
          ...entry,
          parked: {
            reason: 'conflict',
            status: 412,
            detail: `the server holds version ${current.version}, written by ${current.updatedBy}`,
            parkedAt: now,
          },
        });
      }
    });
  }

  /**
   * Moves the local grade's base to `version` without changing its
   * content, so the next push overwrites a version the examiner's own
   * earlier push wrote. Returns false when the grade changed meanwhile.
   */
  async rebaseGrade(
    copyId: string,
    fromVersion: number | null,
    toVersion: number | null,
  ): Promise<boolean> {
    const db = this.#db;
    return db.transaction('rw', db.grades, async () => {
      const local = await db.grades.get(copyId);
      if (!local || local.baseVersion !== fromVersion) {
        return false;
      }
      await db.grades.put({ ...local, baseVersion: toVersion });
      return true;
    });
  }

  /** Returns the copy's conflict, decrypted, or null when it has none. */
  async readConflict(copyId: string): Promise<GradeConflict | null> {
    const row = await this.#db.conflicts.get(copyId);
    if (!row) {
      return null;
    }

    const server = await this.#cipher.decryptJson<ServerGradeContent>(
      serverGradeRecord(copyId, row.serverVersion),
      row.server,
    );
    return {
      copyId,
      serverVersion: row.serverVersion,
      server,
      source: row.source,
      detectedAt: row.detectedAt,
    };
  }

  /**
   * Ends a conflict with the grade the examiner chose, which may mix both
   * versions question by question. The chosen grade is stored on top of
   * the server's version: when it equals the server's, nothing is left to
   * push; otherwise it is queued under a new key. Raises an `Error` naming
   * the copy when it has no conflict, or when the conflict changed since
   * `serverVersion` was shown, so the examiner chooses again.
   */
  async resolveConflict(
    copyId: string,
    serverVersion: number,
    chosen: GradeContent,
  ): Promise<void> {
    const conflict = await this.readConflict(copyId);
    if (conflict === null || conflict.serverVersion !== serverVersion) {
      throw new Error(
        `The conflict of copy ${copyId} changed while it was shown (expected server version ${serverVersion}): compare the versions again.`,
      );
    }

    const sameAsServer = sameContent(chosen, contentOf(conflict.server));
    const encrypted = await this.#cipher.encryptJson(
      gradeRecord(copyId),
      chosen,
    );
    const now = this.#now().toISOString();
    const db = this.#db;

    const write = () =>
      db.transaction('rw', [db.grades, db.outbox, db.conflicts], async () => {
        const latest = await db.conflicts.get(copyId);
        if (latest?.serverVersion !== serverVersion) {
          throw new Error(
            `The conflict of copy ${copyId} changed while it was resolved: compare the versions again.`,
          );
        }

        const local = await db.grades.get(copyId);
        await db.grades.put({
          copyId,
          baseVersion: serverVersion,
          updatedAt: now,
          editCount: (local?.editCount ?? 0) + 1,
          summary: summarizeGrade(chosen),
          serverChange: null,
          content: encrypted,
        });
        await db.conflicts.delete(copyId);

        if (sameAsServer) {
          await db.outbox.delete(copyId);
          return;
        }
        // A fresh entry: the chosen grade is a new body with a new base.
        const entry = coalesceOutboxEntry(undefined, copyId, now);
        await db.outbox.put({ ...entry, afterUnconfirmedSend: false });
      });

    await withQuotaCheck(
      write,
      `Not enough storage space to save the chosen grade of copy ${copyId}; both versions are kept. Free disk space, then choose again.`,
    );
  }

  /** Hides the notice of a grade replaced by the server's version. */
  async dismissServerChange(copyId: string): Promise<void> {
    await this.#db.grades.update(copyId, { serverChange: null });
  }
}

/** Returns the part of a server grade that the examiner edits. */
export function contentOf(grade: GradeContent): GradeContent {
  return {
    status: grade.status,
    marks: { ...grade.marks },
    comment: grade.comment,
    flags: [...grade.flags],
    annotations: grade.annotations,
  };
}

function serverContentOf(grade: Grade): ServerGradeContent {
  return {
    ...contentOf(grade),
    updatedAt: grade.updatedAt,
    updatedBy: grade.updatedBy,
  };
}

function serverGradeRecord(copyId: string, version: number): RecordRef {
  return { kind: 'server-grade', id: copyId, bindings: [version] };
}

/** Compares two grades by value, ignoring the order of marks' keys. */
export function sameContent(a: GradeContent, b: GradeContent): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
