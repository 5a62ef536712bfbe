/**
 * The errors the API client raises, so callers can tell an error response,
 * a failed connection and an expired sign-in apart without parsing text.
 */

/**
 * A response with an error status. `type`, `title` and `detail` come from
 * the RFC 9457 problem details body, or from the status line when the body
 * is not one.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  /** `Retry-After` in seconds, when the server sent one. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    method: string;
    path: string;
    status: number;
    type: string;
    title: string;
    detail: string;
    retryAfterSeconds?: number | null;
  }) {
    super(
      `${init.method} ${init.path} failed with ${init.status}: ${init.detail}`,
    );
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type;
    this.title = init.title;
    this.detail = init.detail;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

/**
 * A request that got no response: the connection was refused, reset or cut
 * while the body was read. The client counts this, not
 * `navigator.onLine`, as being offline.
 */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/**
 * Raised when the refresh token is missing, expired or revoked: the person
 * must sign in again. Work stored locally is kept.
 */
export class SignInRequiredError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignInRequiredError';
  }
}

/** Tests whether `error` is the reason of an aborted signal or fetch. */
export function isAbortError(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'AbortError' || error.name === 'TimeoutError')
  );
}
