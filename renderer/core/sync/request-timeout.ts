/**
 * A time limit on each request of a sync run. A connection can stay open
 * without a response (a laptop moved to another network, a proxy that
 * stalls), and `fetch` then waits with no end, which would hold the run and
 * every run after it. Each call through `withRequestTimeout` is aborted
 * after the limit and rejects with a `TimeoutError`, which the engine counts
 * as offline. A grade write that timed out is then sent again with its key.
 */
import type { ApiClient } from '../api/api-client';

/** The API calls a sync run makes. */
export type SyncApi = Pick<
  ApiClient,
  'putGrade' | 'getChanges' | 'getAssignments' | 'getBatch' | 'getGrade'
>;

/**
 * Returns `api` with a limit of `timeoutMs` on each call, counted until its
 * response body is read. The call's own signal still aborts it.
 */
export function withRequestTimeout(api: SyncApi, timeoutMs: number): SyncApi {
  return {
    putGrade: (copyId, body, options) =>
      callWithTimeout(
        timeoutMs,
        `PUT of the grade of copy ${copyId}`,
        options.signal,
        (signal) => api.putGrade(copyId, body, { ...options, signal }),
      ),
    getChanges: (cursor, signal) =>
      callWithTimeout(timeoutMs, 'GET /changes', signal, (timed) =>
        api.getChanges(cursor, timed),
      ),
    getAssignments: (signal) =>
      callWithTimeout(timeoutMs, 'GET /assignments', signal, (timed) =>
        api.getAssignments(timed),
      ),
    getBatch: (batchId, signal) =>
      callWithTimeout(timeoutMs, `GET of batch ${batchId}`, signal, (timed) =>
        api.getBatch(batchId, timed),
      ),
    getGrade: (copyId, signal) =>
      callWithTimeout(
        timeoutMs,
        `GET of the grade of copy ${copyId}`,
        signal,
        (timed) => api.getGrade(copyId, timed),
      ),
  };
}

// The race also ends a call that ignores its signal, such as one waiting on
// a token refresh that another request started.
async function callWithTimeout<T>(
  timeoutMs: number,
  request: string,
  parent: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const abortWithParent = () => controller.abort(parent?.reason);
  if (parent?.aborted) {
    abortWithParent();
  } else {
    parent?.addEventListener('abort', abortWithParent, { once: true });
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new DOMException(
        `${request} got no response within ${timeoutMs} ms`,
        'TimeoutError',
      );
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });

  try {
    return await Promise.race([call(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', abortWithParent);
  }
}
