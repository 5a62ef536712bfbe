import type { BatchDetail } from '../../../shared/api/schemas';
import type { ApiClient } from '../api/api-client';

/**
 * Sends GET /batches/{id} for every id, `concurrency` at a time, and
 * returns the details in the order of `batchIds`. On the first failure the
 * requests still running are aborted and that failure is raised unchanged.
 * It also checks that each response describes the batch it was asked for,
 * because the refresh would otherwise store copies under the wrong batch.
 */
export async function fetchBatchDetails(
  api: Pick<ApiClient, 'getBatch'>,
  batchIds: readonly string[],
  concurrency: number,
  signal?: AbortSignal,
): Promise<BatchDetail[]> {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });
  if (signal?.aborted) {
    forwardAbort();
  }

  const details: BatchDetail[] = [];
  let next = 0;
  let failure: { error: unknown } | null = null;

  const work = async () => {
    while (failure === null && !controller.signal.aborted) {
      const index = next;
      next += 1;
      const batchId = batchIds[index];
      if (batchId === undefined) {
        return;
      }

      try {
        const detail = await api.getBatch(batchId, controller.signal);
        checkDetail(batchId, detail);
        details[index] = detail;
      } catch (error) {
        // Later failures are mostly the aborts this one causes.
        failure ??= { error };
        controller.abort();
        return;
      }
    }
  };

  try {
    const workers = [];
    for (let i = 0; i < Math.min(concurrency, batchIds.length); i += 1) {
      workers.push(work());
    }
    await Promise.all(workers);
  } finally {
    signal?.removeEventListener('abort', forwardAbort);
  }

  if (failure !== null) {
    throw (failure as { error: unknown }).error;
  }
  signal?.throwIfAborted();
  return details;
}

function checkDetail(batchId: string, detail: BatchDetail): void {
  if (detail.batch.id !== batchId) {
    throw new Error(
      `GET /batches/${batchId} returned batch "${detail.batch.id}" instead: the server's response is inconsistent, so nothing was stored. Try again later or report it to the exam office.`,
    );
  }

  if (detail.scheme.id !== detail.batch.schemeId) {
    throw new Error(
      `GET /batches/${batchId} returned scheme "${detail.scheme.id}" for a batch marked with scheme "${detail.batch.schemeId}": the server's response is inconsistent, so nothing was stored. Try again later or report it to the exam office.`,
    );
  }

  for (const copy of detail.copies) {
    if (copy.batchId !== batchId) {
      throw new Error(
        `GET /batches/${batchId} listed copy "${copy.id}" of batch "${copy.batchId}": the server's response is inconsistent, so nothing was stored. Try again later or report it to the exam office.`,
      );
    }
  }
}
