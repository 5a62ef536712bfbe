/**
 * Classification of a failed attempt at one scan into the download engine's
 * next action, decided from the error alone so the rules can be tested
 * without a server.
 */
import { ApiError, NetworkError, SignInRequiredError } from '../api/errors';
import {
  ChecksumMismatchError,
  UnexpectedResponseError,
} from './download-errors';
import { MESSAGES, type LocalizedMessage } from './messages';
import { StorageFullError } from './scan-store';

export type FailureAction =
  /** The run was cancelled or stopped: end the copy without a state change. */
  | { kind: 'cancel' }
  /** 404: the copy is no longer assigned, so record it as withdrawn. */
  | { kind: 'withdrawn' }
  /** No response or no byte for too long: back off, and count toward offline. */
  | { kind: 'network' }
  /** The server failed for now (5xx, 408, 429): back off and retry, a limited number of times. */
  | { kind: 'retry'; retryAfterMs: number | null }
  /** 416 or an unusable range: delete the partial download and retry from zero. */
  | { kind: 'restart' }
  /** The bytes did not match the SHA-256: download once more, then fail. */
  | { kind: 'mismatch' }
  /** Nothing more can be stored, or sign-in is needed: stop the whole batch. */
  | { kind: 'stop-batch'; reason: LocalizedMessage }
  /** Retrying cannot help: mark the copy failed. */
  | { kind: 'fail'; reason: LocalizedMessage };

export function classifyFailure(
  error: unknown,
  signal: AbortSignal,
): FailureAction {
  if (signal.aborted) {
    return { kind: 'cancel' };
  }

  if (error instanceof StorageFullError) {
    return { kind: 'stop-batch', reason: MESSAGES.storageFull };
  }
  if (error instanceof SignInRequiredError) {
    return { kind: 'stop-batch', reason: MESSAGES.signInRequired };
  }
  if (error instanceof NetworkError) {
    // NOTE: idle timeouts land here too and never fail a copy, so a server
    // that accepts connections and then stalls is retried until cancelled.
    return { kind: 'network' };
  }
  if (error instanceof ChecksumMismatchError) {
    return { kind: 'mismatch' };
  }
  if (error instanceof UnexpectedResponseError) {
    return { kind: 'restart' };
  }
  if (error instanceof ApiError) {
    return classifyStatus(error);
  }

  return { kind: 'fail', reason: MESSAGES.unexpectedError };
}

function classifyStatus(error: ApiError): FailureAction {
  if (error.status === 404) {
    return { kind: 'withdrawn' };
  }
  if (error.status === 416) {
    return { kind: 'restart' };
  }

  if (error.status >= 500 || error.status === 408 || error.status === 429) {
    const retryAfterMs =
      error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000;
    return { kind: 'retry', retryAfterMs };
  }

  // A 401 here means the token was refreshed and still rejected.
  return { kind: 'fail', reason: MESSAGES.unexpectedResponse };
}
