/**
 * Batches that the server no longer lists in GET /assignments. Their rows,
 * copies and grades stay in the store, because a grade may still have to
 * be pushed, and this record lets the screens show them as withdrawn. It
 * lives in one `kv` row, so it needed no change to the store's schema.
 */
import type { CopydeskDatabase } from '../store/database';

/** Key of the `kv` row whose value is a `WithdrawnBatch[]`. */
export const WITHDRAWN_BATCHES_KEY = 'withdrawn-batches';

export interface WithdrawnBatch {
  batchId: string;
  /** When a refresh first found the batch missing from the assignments. */
  withdrawnAt: string;
}

/** Returns the withdrawal time of each withdrawn batch, by batch id. */
export async function readWithdrawnBatches(
  db: CopydeskDatabase,
): Promise<Map<string, string>> {
  const row = await db.kv.get(WITHDRAWN_BATCHES_KEY);
  return parseWithdrawnBatches(row?.value);
}

/**
 * Reads the stored value leniently: an entry of another shape is skipped,
 * so a damaged row hides a withdrawal mark instead of breaking the screens.
 */
export function parseWithdrawnBatches(value: unknown): Map<string, string> {
  const withdrawn = new Map<string, string>();
  if (!Array.isArray(value)) {
    return withdrawn;
  }

  for (const entry of value as unknown[]) {
    const candidate = entry as Partial<WithdrawnBatch> | null;
    if (
      typeof candidate?.batchId === 'string' &&
      typeof candidate.withdrawnAt === 'string'
    ) {
      withdrawn.set(candidate.batchId, candidate.withdrawnAt);
    }
  }
  return withdrawn;
}

/**
 * Returns the record after a refresh: each stored batch that is not
 * assigned any more is withdrawn, keeping the time first recorded, and a
 * batch assigned again loses its mark.
 */
export function updateWithdrawnBatches(
  previous: ReadonlyMap<string, string>,
  storedBatchIds: readonly string[],
  assignedBatchIds: ReadonlySet<string>,
  now: string,
): WithdrawnBatch[] {
  const withdrawn: WithdrawnBatch[] = [];

  for (const batchId of storedBatchIds) {
    if (!assignedBatchIds.has(batchId)) {
      withdrawn.push({ batchId, withdrawnAt: previous.get(batchId) ?? now });
    }
  }
  return withdrawn;
}
