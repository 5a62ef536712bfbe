/** Errors raised while downloading one scan. */
import { NetworkError } from '../api/errors';

/** No byte arrived for the idle timeout: the connection is taken as lost. */
export class IdleTimeoutError extends NetworkError {
  constructor(copyId: string, timeoutMs: number) {
    super(
      `Download of copy ${copyId} received no byte for ${timeoutMs} ms: the connection is taken as lost`,
    );
    this.name = 'IdleTimeoutError';
  }
}

/**
 * The bytes received do not have the size and SHA-256 the copy's listing
 * gives. The partial download is deleted before this is raised.
 */
export class ChecksumMismatchError extends Error {
  constructor(
    readonly copyId: string,
    readonly expectedSha256: string,
    readonly actualSha256: string,
    readonly expectedSize: number,
    readonly actualSize: number,
  ) {
    super(
      `Scan of copy ${copyId} has SHA-256 ${actualSha256} and ${actualSize} bytes, expected ${expectedSha256} and ${expectedSize} bytes`,
    );
    this.name = 'ChecksumMismatchError';
  }
}

/** A 200 or 206 response that cannot be used, such as a range that starts elsewhere. */
export class UnexpectedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnexpectedResponseError';
  }
}
