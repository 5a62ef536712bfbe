/**
 * The outbox: at most one pending push per copy, read oldest first.
 *
 * An entry's idempotency key identifies one request body, so the rule for
 * keeping it is:
 *
 * - An edit to a copy whose entry was never sent (`sentAt` is null) updates
 *   that entry in place. It keeps its key, `createdAt` and place in the
 *   queue, and the next push sends the latest grade under that key.
 * - Once the entry is marked sent, a request with its key may have reached
 *   the server, which stores the key with that body. The next edit therefore
 *   replaces the entry with a new key, a new `createdAt` (the back of the
 *   queue), no attempts and no error.
 * - A retry with no edit in between resends the unchanged grade under the
 *   same key, so the server can return its first response.
 *
 * - A parked entry (see `OutboxParking`) is skipped by the sync engine. An
 *   edit after the server refused it makes a new, unparked entry, so a fixed
 *   mark is pushed again, except after a conflict: that waits for the
 *   examiner's choice between the two versions whatever is edited.
 *
 * So the sync engine marks each entry sent in the transaction that reads
 * the grade to send (`markOutboxEntriesSent`). An edit writes its grade and
 * its entry together, so the grade read is the body of the key marked, and
 * an edit landing after the mark gets a new key: a key is never sent with
 * two different bodies. The engine acts on the response only through the
 * functions below, which ignore an entry whose key has changed since.
 */
import type { CopydeskDatabase } from './database';
import type { GradeRow, OutboxParking, OutboxRow } from './rows';

/** Returns the entry that an edit at `now` leaves in the outbox. */
export function coalesceOutboxEntry(
  existing: OutboxRow | undefined,
  copyId: string,
  now: string,
): OutboxRow {
  if (existing && existing.sentAt === null) {
    return { ...existing, updatedAt: now };
  }

  const conflict =
    existing?.parked?.reason === 'conflict' ? existing.parked : null;
  return {
    copyId,
    idempotencyKey: crypto.randomUUID(),
    createdAt: now,
    updatedAt: now,
    sentAt: null,
    attempts: 0,
    lastError: null,
    parked: conflict,
    // A parked entry's response was acted on, so only its own flag carries.
    afterUnconfirmedSend:
      existing !== undefined &&
      (!existing.parked || existing.afterUnconfirmedSend === true),
  };
}

/** Tests whether the sync engine may send this entry. */
export function isPushable(entry: OutboxRow): boolean {
  return entry.parked === undefined || entry.parked === null;
}

/** Returns the pending entries in push order: oldest `createdAt` first. */
export function readOutbox(db: CopydeskDatabase): Promise<OutboxRow[]> {
  return db.outbox.orderBy('createdAt').toArray();
}

/**
 * Records that a request for this entry is about to be sent, and returns
 * the entry to send, or null when the copy has nothing to push or its
 * entry is parked.
 */
export function markOutboxEntrySent(
  db: CopydeskDatabase,
  copyId: string,
  now: Date = new Date(),
): Promise<OutboxRow | null> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(copyId);
    if (!entry || !isPushable(entry)) {
      return null;
    }

    const sent: OutboxRow = {
      ...entry,
      sentAt: now.toISOString(),
      attempts: entry.attempts + 1,
    };
    await db.outbox.put(sent);
    return sent;
  });
}

/** An entry marked sent, with the grade row read in the same transaction. */
export interface SentEntry {
  entry: OutboxRow;
  grade: GradeRow | undefined;
}

/**
 * Marks the entries of `copyIds` sent, as `markOutboxEntrySent` does, and
 * reads their grade rows, all in one transaction. An edit writes its grade
 * and its entry together, so each row read is exactly the body its entry's
 * key stands for. Copies with nothing to push or a parked entry are left
 * out.
 */
export function markOutboxEntriesSent(
  db: CopydeskDatabase,
  copyIds: readonly string[],
  now: Date = new Date(),
): Promise<SentEntry[]> {
  return db.transaction('rw', [db.outbox, db.grades], async () => {
    const stored = await db.outbox.bulkGet([...copyIds]);
    const sent: OutboxRow[] = [];
    for (const entry of stored) {
      if (entry && isPushable(entry)) {
        sent.push({
          ...entry,
          sentAt: now.toISOString(),
          attempts: entry.attempts + 1,
        });
      }
    }
    await db.outbox.bulkPut(sent);

    const grades = await db.grades.bulkGet(sent.map((entry) => entry.copyId));
    return sent.map((entry, index) => ({ entry, grade: grades[index] }));
  });
}

/**
 * Stores why a request failed on its entry. Returns false, storing nothing,
 * when an edit has since given the entry another key.
 */
export function recordOutboxFailure(
  db: CopydeskDatabase,
  copyId: string,
  idempotencyKey: string,
  message: string,
): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(copyId);
    if (entry?.idempotencyKey !== idempotencyKey) {
      return false;
    }

    await db.outbox.put({ ...entry, lastError: message });
    return true;
  });
}

/**
 * Records a push the server accepted as `serverVersion`. The grade's next
 * push starts from that version. The entry is removed unless an edit has
 * since given it another key, in which case it stays to push that edit.
 * Returns whether the entry was removed.
 */
export function completeOutboxEntry(
  db: CopydeskDatabase,
  copyId: string,
  idempotencyKey: string,
  serverVersion: number,
): Promise<boolean> {
  return db.transaction('rw', [db.grades, db.outbox], async () => {
    await db.grades.update(copyId, { baseVersion: serverVersion });

    const entry = await db.outbox.get(copyId);
    if (entry?.idempotencyKey !== idempotencyKey) {
      return false;
    }

    await db.outbox.delete(copyId);
    return true;
  });
}

/**
 * Parks the entry so the sync engine stops sending it. Returns false,
 * storing nothing, when an edit has since given the entry another key,
 * unless `whateverKey` is set (a conflict concerns the copy, not one body).
 */
export function parkOutboxEntry(
  db: CopydeskDatabase,
  copyId: string,
  idempotencyKey: string,
  parking: OutboxParking,
  whateverKey = false,
): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(copyId);
    if (!entry || (!whateverKey && entry.idempotencyKey !== idempotencyKey)) {
      return false;
    }

    await db.outbox.put({ ...entry, parked: parking, lastError: null });
    return true;
  });
}

/**
 * Lets the sync engine send a parked entry again, as when the examiner
 * retries after the exam office reopened a batch. A conflict is left
 * parked: it ends only through a choice between the versions.
 */
export function unparkOutboxEntry(
  db: CopydeskDatabase,
  copyId: string,
): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(copyId);
    if (!entry?.parked || entry.parked.reason === 'conflict') {
      return false;
    }

    await db.outbox.put({ ...entry, parked: null, attempts: 0 });
    return true;
  });
}

/**
 * Gives the entry a new idempotency key, for when the server reports the
 * key as used for another body. The outbox rules make that a client fault,
 * but a new key lets the latest grade through. Returns false when the key
 * changed meanwhile.
 */
export function renewOutboxKey(
  db: CopydeskDatabase,
  copyId: string,
  idempotencyKey: string,
): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(copyId);
    if (entry?.idempotencyKey !== idempotencyKey) {
      return false;
    }

    await db.outbox.put({
      ...entry,
      idempotencyKey: crypto.randomUUID(),
      sentAt: null,
    });
    return true;
  });
}

/** A push the server accepted, as `completeOutboxEntries` records it. */
export interface AcceptedPush {
  copyId: string;
  idempotencyKey: string;
  serverVersion: number;
}

/**
 * Records several accepted pushes in one transaction, each as
 * `completeOutboxEntry` does, and returns for each whether its entry was
 * removed.
 */
export function completeOutboxEntries(
  db: CopydeskDatabase,
  pushes: readonly AcceptedPush[],
): Promise<boolean[]> {
  if (pushes.length === 0) {
    return Promise.resolve([]);
  }
  const copyIds = pushes.map((push) => push.copyId);

  return db.transaction('rw', [db.grades, db.outbox], async () => {
    const grades = await db.grades.bulkGet(copyIds);
    const updated: GradeRow[] = [];
    grades.forEach((grade, index) => {
      if (grade) {
        updated.push({ ...grade, baseVersion: pushes[index]!.serverVersion });
      }
    });
    await db.grades.bulkPut(updated);

    const entries = await db.outbox.bulkGet(copyIds);
    const removed = pushes.map(
      (push, index) => entries[index]?.idempotencyKey === push.idempotencyKey,
    );
    await db.outbox.bulkDelete(copyIds.filter((_, index) => removed[index]));
    return removed;
  });
}
