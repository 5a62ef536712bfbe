/**
 * One attempt at downloading one scan: resume from the stored partial
 * download with `Range`, stream the body while saving progress every few
 * MB, then verify the SHA-256 and store the scan.
 */
import type { Copy } from '../../../shared/api/schemas';
import type { ApiClient } from '../api/api-client';
import { NetworkError } from '../api/errors';
import {
  ChecksumMismatchError,
  IdleTimeoutError,
  UnexpectedResponseError,
} from './download-errors';
import type { Logger } from './logger';
import { ReceivedBytes } from './received-bytes';
import type { ScanStore } from './scan-store';
import { sha256Hex } from './sha256';

export interface ScanDownloadContext {
  api: Pick<ApiClient, 'downloadScan'>;
  store: ScanStore;
  logger: Logger;
  /** Bytes received between two saves of the partial download. */
  partialSaveBytes: number;
  /** Time without a byte after which the attempt fails, milliseconds. */
  idleTimeoutMs: number;
  /** Aborted when the run is cancelled or stopped. */
  signal: AbortSignal;
}

export interface ScanDownloadCallbacks {
  /** The server sent a response: it can be reached. */
  onResponse(): void;
  /** `bytesHeld` bytes of this scan are now received, counting the partial download. */
  onBytes(bytesHeld: number): void;
  onVerifying(): void;
}

/**
 * Downloads, verifies and stores one scan. Raises the failure for the
 * engine to classify; after a SHA-256 mismatch the partial download is
 * already deleted.
 */
export async function downloadScan(
  context: ScanDownloadContext,
  copy: Copy,
  callbacks: ScanDownloadCallbacks,
): Promise<void> {
  const { store } = context;
  const { sha256, size } = copy.scan;

  let partial = await store.loadPartial(copy.id, sha256);
  if (partial !== null && partial.byteLength > size) {
    context.logger.warn('partial download larger than the scan, discarded', {
      copyId: copy.id,
      partialBytes: partial.byteLength,
      size,
    });
    await store.deletePartial(copy.id);
    partial = null;
  }

  let received = new ReceivedBytes(partial ?? undefined);
  callbacks.onBytes(received.size);
  if (received.size < size) {
    received = await receiveRest(context, copy, received, callbacks);
  }

  callbacks.onVerifying();
  const bytes = received.toBytes();
  const actualSha256 = await sha256Hex(bytes);
  if (actualSha256 !== sha256 || bytes.byteLength !== size) {
    await store.deletePartial(copy.id);
    throw new ChecksumMismatchError(
      copy.id,
      sha256,
      actualSha256,
      size,
      bytes.byteLength,
    );
  }

  await store.saveScan(copy.id, copy.revision, sha256, bytes);
}

/** Requests the bytes after `held` and returns the whole scan received so far. */
async function receiveRest(
  context: ScanDownloadContext,
  copy: Copy,
  held: ReceivedBytes,
  callbacks: ScanDownloadCallbacks,
): Promise<ReceivedBytes> {
  // A signal aborted before this call fires no `abort` event, so a copy a
  // worker picked up just before a cancel or a stop must end here.
  context.signal.throwIfAborted();

  const attempt = new AbortController();
  const stopAttempt = () => attempt.abort(context.signal.reason);
  context.signal.addEventListener('abort', stopAttempt, { once: true });

  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const resetIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      attempt.abort(new IdleTimeoutError(copy.id, context.idleTimeoutMs));
    }, context.idleTimeoutMs);
  };

  try {
    resetIdleTimer();
    return await requestAndStream(context, copy, held, callbacks, {
      signal: attempt.signal,
      resetIdleTimer,
    });
  } finally {
    clearTimeout(idleTimer);
    context.signal.removeEventListener('abort', stopAttempt);
  }
}

async function requestAndStream(
  context: ScanDownloadContext,
  copy: Copy,
  held: ReceivedBytes,
  callbacks: ScanDownloadCallbacks,
  attempt: { signal: AbortSignal; resetIdleTimer: () => void },
): Promise<ReceivedBytes> {
  const { sha256 } = copy.scan;
  if (held.size > 0) {
    context.logger.info('resuming scan download', {
      copyId: copy.id,
      fromByte: held.size,
    });
  }

  const response = await withAttemptReason(attempt.signal, () =>
    context.api.downloadScan(copy.id, {
      resume: { fromByte: held.size, sha256 },
      signal: attempt.signal,
    }),
  );
  callbacks.onResponse();
  attempt.resetIdleTimer();

  const received = await startingBytes(context, copy, held, response);
  callbacks.onBytes(received.size);
  if (response.body === null) {
    throw new UnexpectedResponseError(
      `Scan response for copy ${copy.id} has no body`,
    );
  }

  const reader = response.body.getReader();
  // Bytes received since the partial download was last saved.
  let unsavedBytes = 0;
  const flush = async () => {
    if (unsavedBytes === 0) {
      return;
    }
    unsavedBytes = 0;
    await context.store.savePartial(copy.id, sha256, received.toBytes());
  };

  try {
    for (;;) {
      const chunk = await withAttemptReason(attempt.signal, () =>
        reader.read(),
      );
      if (chunk.done) {
        break;
      }

      attempt.resetIdleTimer();
      received.append(chunk.value);
      unsavedBytes += chunk.value.byteLength;
      callbacks.onBytes(received.size);
      if (unsavedBytes >= context.partialSaveBytes) {
        await flush();
      }
    }
  } catch (error) {
    // Keep what arrived before a lost connection, so the next attempt
    // resumes from there. A cancelled or stopped run saves nothing more.
    if (error instanceof NetworkError && !context.signal.aborted) {
      await flush();
    }
    await reader.cancel().catch(() => undefined);
    throw error;
  }

  return received;
}

/**
 * Returns the bytes the response continues: the partial download for a 206
 * that starts where it ends, nothing for a 200 (the server sends the whole
 * scan, as when it changed since the partial download).
 */
async function startingBytes(
  context: ScanDownloadContext,
  copy: Copy,
  held: ReceivedBytes,
  response: Response,
): Promise<ReceivedBytes> {
  if (response.status === 200) {
    if (held.size > 0) {
      context.logger.info('server sent the whole scan, restarting from zero', {
        copyId: copy.id,
        discardedBytes: held.size,
      });
      await context.store.deletePartial(copy.id);
    }
    return new ReceivedBytes();
  }

  const contentRange = response.headers.get('content-range') ?? '';
  const match = /^bytes (\d+)-\d+\/\d+$/.exec(contentRange.trim());
  if (match === null || Number(match[1]) !== held.size) {
    await response.body?.cancel().catch(() => undefined);
    await context.store.deletePartial(copy.id);
    throw new UnexpectedResponseError(
      `Scan response for copy ${copy.id} has Content-Range "${contentRange}", expected bytes from ${held.size}`,
    );
  }
  return held;
}

/**
 * Runs `operation` and, when the attempt was aborted meanwhile, raises the
 * abort reason instead of whatever error the aborted fetch produced, so an
 * idle timeout surfaces as `IdleTimeoutError`.
 */
async function withAttemptReason<T>(
  signal: AbortSignal,
  operation: () => Promise<T>,
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (signal.aborted) {
      throw signal.reason;
    }
    if (error instanceof TypeError) {
      throw new NetworkError(`Reading the scan failed: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}
