/**
 * Refreshes the examiner's batches, marking schemes and copies in the local
 * store from GET /assignments and GET /batches/{id}. The screens read the
 * result through live queries (see `batch-overview.ts`) instead of waiting
 * for a refresh.
 */
import type { ApiClient } from '../api/api-client';
import { isAbortError, NetworkError, SignInRequiredError } from '../api/errors';
import { SILENT_LOGGER, type Logger } from '../download/logger';
import type { CopydeskDatabase } from '../store/database';
import { fetchBatchDetails } from './fetch-batch-details';
import { storeAssignments, type StoredAssignments } from './store-assignments';

export interface RefreshAssignmentsOptions {
  api: Pick<ApiClient, 'getAssignments' | 'getBatch'>;
  db: CopydeskDatabase;
  /** The renderer's logger named `sync`. */
  logger?: Logger;
  /** Cancels the refresh up to the start of its write, which then completes. */
  signal?: AbortSignal;
  /** GET /batches/{id} requests sent at the same time; 4 by default. */
  concurrency?: number;
  now?: () => Date;
}

export interface RefreshSummary extends StoredAssignments {
  /** The changes cursor stored under `CHANGES_CURSOR_KEY`. */
  cursor: string;
}

/**
 * Reads the assignments and every assigned batch from the server, then
 * stores them in one transaction.
 *
 * Any failed request (`NetworkError`, `ApiError`, `SignInRequiredError`, an
 * abort) is raised unchanged before anything is written, so the store keeps
 * what it had. Nothing is ever deleted: a copy the server stopped listing
 * gets `withdrawnAt`, and a batch missing from the assignments is recorded
 * in `withdrawn-batches.ts`.
 */
export async function refreshAssignments(
  options: RefreshAssignmentsOptions,
): Promise<RefreshSummary> {
  const { api, db, signal } = options;
  const logger = options.logger ?? SILENT_LOGGER;
  const concurrency = options.concurrency ?? 4;
  const now = options.now ?? (() => new Date());
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `concurrency must be a positive integer, got ${concurrency}`,
    );
  }

  logger.info('assignments refresh started', { concurrency });
  try {
    const assignments = await api.getAssignments(signal);
    const batchIds = assignments.batches.map((batch) => batch.id);
    const details = await fetchBatchDetails(api, batchIds, concurrency, signal);
    signal?.throwIfAborted();

    const stored = await storeAssignments(
      db,
      assignments,
      details,
      now().toISOString(),
    );
    logger.info('assignments refresh ended', { ...stored });
    return { ...stored, cursor: assignments.cursor };
  } catch (error) {
    if (isAbortError(error) || signal?.aborted) {
      logger.info('assignments refresh cancelled, nothing was stored');
    } else {
      // No network and an expired sign-in are expected states, which the
      // caller shows; anything else is a fault.
      const expected =
        error instanceof NetworkError || error instanceof SignInRequiredError;
      logger[expected ? 'warn' : 'error'](
        'assignments refresh failed, nothing was stored',
        { error: describe(error), status: statusOf(error) },
      );
    }
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}

function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}
