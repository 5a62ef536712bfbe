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
 * So the sync engine must call `markOutboxEntrySent` before each request and
 * read the grade to send only after it: an edit that lands in between then
 * gets a new key, and a key is never sent with two different bodies. It acts
 * on the response only through the functions below, which ignore an entry
 * whose key has changed since.
 */
import type { CopydeskDatabase } from './database';
import type { OutboxRow } from './rows';

/** Returns the entry that an edit at `now` leaves in the outbox. */
export function coalesceOutboxEntry(
  existing: OutboxRow | undefined,
  copyId: string,
  now: string,
): OutboxRow {
  if (existing && existing.sentAt === null) {
    return { ...existing, updatedAt: now };
  }

  return {
    copyId,
    idempotencyKey: crypto.randomUUID(),
    createdAt: now,
    updatedAt: now,
    sentAt: null,
    attempts: 0,
    lastError: null,
  };
}

/** Returns the pending entries in push order: oldest `createdAt` first. */
export function readOutbox(db: CopydeskDatabase): Promise<OutboxRow[]> {
  return db.outbox.orderBy('createdAt').toArray();
}

/**
 * Records that a request for this entry is about to be sent, and returns
 * the entry to send, or null when the copy has nothing to push.
 */
export function markOutboxEntrySent(
  db: CopydeskDatabase,
  copyId: string,
  now: Date = new Date(),
): Promise<OutboxRow | null> {
  return db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(copyId);
    if (!entry) {
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
