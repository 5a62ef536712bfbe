/**
 * Classification of a failed POST /batches/{id}/submit into the cases the
 * submit panel explains to the examiner. The technical detail goes to the
 * log.
 */
import {
  ApiError,
  isAbortError,
  NetworkError,
  SignInRequiredError,
} from '../../core/api/errors';
import type { CopydeskDatabase } from '../../core/store/database';
import { copiesNamedInRejection } from '../../core/sync/submit-batch';

export type SubmitFailure =
  | { kind: 'offline' }
  | { kind: 'sign-in-required' }
  /** 409: the server has no final grade for these copies (ids, by code). */
  | { kind: 'missing-final'; copyIds: string[]; detail: string }
  /** 423: the exam office closed the batch. */
  | { kind: 'closed' }
  | { kind: 'failed'; detail: string };

/** Classifies what `submitBatch` raised. */
export async function explainSubmitFailure(
  db: CopydeskDatabase,
  batchId: string,
  error: unknown,
): Promise<SubmitFailure> {
  if (error instanceof NetworkError || isAbortError(error)) {
    return { kind: 'offline' };
  }
  if (error instanceof SignInRequiredError) {
    return { kind: 'sign-in-required' };
  }
  if (error instanceof ApiError && error.status === 409) {
    return {
      kind: 'missing-final',
      copyIds: await copiesNamedInRejection(db, batchId, error.detail),
      detail: error.detail,
    };
  }
  if (error instanceof ApiError && error.status === 423) {
    return { kind: 'closed' };
  }
  return {
    kind: 'failed',
    detail: error instanceof Error ? error.message : String(error),
  };
}
