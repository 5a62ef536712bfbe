/**
 * The rows in clear that give one copy's sync state, read through a live
 * query so the workspace follows every push, pull and choice.
 */
import { useLiveQuery } from 'dexie-react-hooks';

import {
  parseAttention,
  SCHEME_ATTENTION_KEY,
  type SchemeAttention,
} from '../../core/sync/scheme-attention';
import type { OutboxRow, ServerChangeNotice } from '../../core/store/rows';
import { useServices } from '../services/app-services';

export interface CopySyncRows {
  /** The copy these rows belong to. */
  copyId: string;
  /** The copy's pending or parked push, or null when nothing is queued. */
  outbox: OutboxRow | null;
  /** The server version in conflict with the local grade, or null. */
  conflictVersion: number | null;
  /** Time of the last write of the local grade, or null without a grade. */
  gradeUpdatedAt: string | null;
  /** The notice of a grade replaced by someone else's version, or null. */
  serverChange: ServerChangeNotice | null;
  /** The copy's entry in the list of grades a scheme change affected, or null. */
  attention: SchemeAttention | null;
}

/** Returns the copy's sync rows, or undefined while they load. */
export function useCopySync(copyId: string): CopySyncRows | undefined {
  const { db } = useServices().store;

  const rows = useLiveQuery(
    () =>
      db.transaction(
        'r',
        [db.outbox, db.conflicts, db.grades, db.kv],
        async (): Promise<CopySyncRows> => {
          const outbox = await db.outbox.get(copyId);
          const conflict = await db.conflicts.get(copyId);
          const grade = await db.grades.get(copyId);
          const attention = parseAttention(
            (await db.kv.get(SCHEME_ATTENTION_KEY))?.value,
          ).find((entry) => entry.copyId === copyId);
          return {
            copyId,
            outbox: outbox ?? null,
            conflictVersion: conflict?.serverVersion ?? null,
            gradeUpdatedAt: grade?.updatedAt ?? null,
            serverChange: grade?.serverChange ?? null,
            attention: attention ?? null,
          };
        },
      ),
    [db, copyId],
  );

  // Until the query of a newly opened copy returns, the hook still returns
  // the previous copy's rows.
  return rows?.copyId === copyId ? rows : undefined;
}
