/**
 * Downloads every copy of a batch for offline use: several at a time,
 * resumable, verified against the SHA-256, with retries, a pause while the
 * server cannot be reached, and progress events.
 */
import type { Copy } from '../../../shared/api/schemas';
import type { ApiClient } from '../api/api-client';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { classifyFailure } from './failure-classification';
import { SILENT_LOGGER, type Logger } from './logger';
import { MESSAGES, type LocalizedMessage } from './messages';
import { OfflineGate } from './offline-gate';
import { ProgressTracker, type DownloadProgress } from './progress';
import { downloadScan, type ScanDownloadContext } from './scan-download';
import type { ScanStore } from './scan-store';

export interface DownloadEngineOptions {
  api: Pick<ApiClient, 'downloadScan' | 'probe' | 'getBatch'>;
  store: ScanStore;
  /** The renderer's logger named `download`. */
  logger?: Logger;
  /** Scans downloaded at the same time; 4 by default. */
  concurrency?: number;
  /** Bytes received between two saves of a partial download; 4 MiB by default. */
  partialSaveBytes?: number;
  /** Time without a byte after which a request counts as lost, milliseconds; 30 s by default. */
  idleTimeoutMs?: number;
  /** Attempts at one scan that get 5xx, 408, 429 or an unusable range before it is marked failed; 6 by default. */
  maxServerAttempts?: number;
  /** Network failures in a row after which downloads pause as offline; 3 by default. */
  failuresBeforeOffline?: number;
  /** Delays between retries and between probes while offline. */
  backoff?: BackoffOptions;
  /** Shortest time between two progress events for received bytes, milliseconds; 250 by default. */
  progressIntervalMs?: number;
  random?: () => number;
  now?: () => number;
}

export type DownloadOutcome = 'completed' | 'stopped' | 'cancelled';

export interface DownloadResult {
  /**
   * `completed`: every copy is stored, withdrawn or failed. `stopped`: the
   * whole batch stopped for `stopReason`. `cancelled`: the signal aborted.
   */
  outcome: DownloadOutcome;
  stopReason: LocalizedMessage | null;
  progress: DownloadProgress;
}

/** Sent on every change of a copy's state and, at most every `progressIntervalMs`, as bytes arrive. */
export class DownloadProgressEvent extends Event {
  constructor(readonly progress: DownloadProgress) {
    super('progress');
  }
}

interface Run {
  copies: readonly Copy[];
  tracker: ProgressTracker;
  gate: OfflineGate;
  /** Aborted on cancel and on a stop of the whole batch. */
  controller: AbortController;
  stopReason: LocalizedMessage | null;
  lastEmit: number;
  next: number;
}

export class DownloadEngine extends EventTarget {
  private readonly api: DownloadEngineOptions['api'];
  private readonly store: ScanStore;
  private readonly logger: Logger;
  private readonly concurrency: number;
  private readonly partialSaveBytes: number;
  private readonly idleTimeoutMs: number;
  private readonly maxServerAttempts: number;
  private readonly failuresBeforeOffline: number;
  private readonly backoff: BackoffOptions;
  private readonly progressIntervalMs: number;
  private readonly random: () => number;
  private readonly now: () => number;
  private run: Run | null = null;

  constructor(options: DownloadEngineOptions) {
    super();
    this.api = options.api;
    this.store = options.store;
    this.logger = options.logger ?? SILENT_LOGGER;
    this.concurrency = positiveInteger('concurrency', options.concurrency ?? 4);
    this.partialSaveBytes = positiveInteger(
      'partialSaveBytes',
      options.partialSaveBytes ?? 4 * 1024 * 1024,
    );
    this.idleTimeoutMs = positiveInteger(
      'idleTimeoutMs',
      options.idleTimeoutMs ?? 30_000,
    );
    this.maxServerAttempts = positiveInteger(
      'maxServerAttempts',
      options.maxServerAttempts ?? 6,
    );
    this.failuresBeforeOffline = positiveInteger(
      'failuresBeforeOffline',
      options.failuresBeforeOffline ?? 3,
    );
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.progressIntervalMs = options.progressIntervalMs ?? 250;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /**
   * Reports that the network is back (the browser's `online` event): a
   * paused download resumes at once instead of waiting for its next probe.
   */
  online(): void {
    this.run?.gate.reportOnline('reported online by the caller');
  }

  /** Lists the batch's copies on the server, then downloads them. */
  async downloadBatch(
    batchId: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<DownloadResult> {
    const detail = await this.api.getBatch(batchId, options.signal);
    return this.download(detail.copies, options);
  }

  /**
   * Downloads every scan of `copies` that the store lacks. Resolves when
   * each copy is stored, withdrawn or failed, when the batch stops (storage
   * full, sign-in needed), or when `signal` aborts.
   */
  async download(
    copies: readonly Copy[],
    options: { signal?: AbortSignal } = {},
  ): Promise<DownloadResult> {
    if (this.run !== null) {
      throw new Error(
        'A download is already running on this engine: wait for it to end or cancel it first',
      );
    }

    const run = this.startRun(copies);
    const cancel = () => run.controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', cancel, { once: true });
    if (options.signal?.aborted) {
      cancel();
    }

    this.logger.info('batch download started', {
      copies: copies.length,
      concurrency: this.concurrency,
    });
    try {
      const workers = [];
      for (
        let index = 0;
        index < Math.min(this.concurrency, copies.length);
        index += 1
      ) {
        workers.push(this.work(run));
      }
      await Promise.all(workers);
    } finally {
      run.gate.close();
      options.signal?.removeEventListener('abort', cancel);
      this.run = null;
    }

    return this.finish(run, options.signal);
  }

  private startRun(copies: readonly Copy[]): Run {
    const tracker = new ProgressTracker(copies, this.now);
    const run: Run = {
      copies,
      tracker,
      controller: new AbortController(),
      stopReason: null,
      lastEmit: 0,
      next: 0,
      gate: new OfflineGate({
        probe: (probeSignal) => this.api.probe(probeSignal),
        failuresBeforeOffline: this.failuresBeforeOffline,
        backoff: this.backoff,
        probeTimeoutMs: this.idleTimeoutMs,
        random: this.random,
        logger: this.logger,
        onChange: (offline) => {
          tracker.setOffline(offline);
          this.emit(run);
        },
      }),
    };
    this.run = run;
    return run;
  }

  private finish(run: Run, signal?: AbortSignal): DownloadResult {
    let outcome: DownloadOutcome = 'completed';
    if (run.stopReason !== null) {
      outcome = 'stopped';
    } else if (signal?.aborted) {
      outcome = 'cancelled';
    }

    const progress = run.tracker.snapshot();
    this.logger.info('batch download ended', {
      outcome,
      stored: progress.copiesDone,
      total: progress.copiesTotal,
      failed: progress.copies.filter((copy) => copy.state === 'failed').length,
    });
    this.emit(run);
    return { outcome, stopReason: run.stopReason, progress };
  }

  /** Takes copies from the queue one after the other until it is empty or the run ends. */
  private async work(run: Run): Promise<void> {
    while (!run.controller.signal.aborted) {
      const copy = run.copies[run.next];
      if (copy === undefined) {
        return;
      }
      run.next += 1;
      await this.downloadCopy(run, copy);
    }
  }

  private async downloadCopy(run: Run, copy: Copy): Promise<void> {
    const signal = run.controller.signal;
    if (await this.store.hasScan(copy.id, copy.scan.sha256)) {
      run.tracker.setState(copy.id, 'stored');
      this.emit(run);
      return;
    }

    let serverAttempts = 0;
    let networkFailures = 0;
    let mismatches = 0;
    let epoch = run.gate.epoch;
    for (;;) {
      try {
        await run.gate.waitUntilOnline(signal);
        epoch = run.gate.epoch;
        run.tracker.setState(copy.id, 'downloading');
        this.emit(run);
        await downloadScan(this.scanContext(signal), copy, {
          onResponse: () => {
            networkFailures = 0;
            run.gate.reportResponse();
          },
          onBytes: (bytesHeld) => {
            run.tracker.setBytes(copy.id, bytesHeld, true);
            this.emitThrottled(run);
          },
          onVerifying: () => {
            run.tracker.setState(copy.id, 'verifying');
            this.emit(run);
          },
        });
        run.tracker.setState(copy.id, 'stored');
        this.emit(run);
        this.logger.info('scan stored', { copyId: copy.id });
        return;
      } catch (error) {
        const action = classifyFailure(error, signal);
        const details = { copyId: copy.id, error: describe(error) };

        if (action.kind === 'cancel') {
          this.setQueuedUnlessFinal(run, copy);
          return;
        }

        if (action.kind === 'withdrawn') {
          await this.markWithdrawn(run, copy);
          return;
        }

        if (action.kind === 'stop-batch') {
          this.logger.error('batch download stopped', details);
          this.stop(run, action.reason);
          this.setQueuedUnlessFinal(run, copy);
          return;
        }

        if (action.kind === 'fail') {
          this.fail(run, copy, action.reason, details);
          return;
        }

        if (action.kind === 'mismatch') {
          mismatches += 1;
          if (mismatches >= 2) {
            this.fail(run, copy, MESSAGES.checksumMismatch, details);
            return;
          }
          this.logger.warn(
            'scan failed verification, downloading again',
            details,
          );
          continue;
        }

        if (action.kind === 'network') {
          if (!run.gate.reportNetworkFailure(epoch)) {
            this.logger.info(
              'scan request sent before the network came back failed, retrying now',
              details,
            );
            continue;
          }
          networkFailures += 1;
          const delayMs = backoffDelay(
            networkFailures,
            this.backoff,
            this.random,
          );
          this.logger.warn('scan download got no response, retrying', {
            ...details,
            attempt: networkFailures,
            delayMs,
          });
          await this.pause(run, copy, delayMs);
          continue;
        }

        // `retry` and `restart`: the server responded, but not usably.
        serverAttempts += 1;
        if (serverAttempts >= this.maxServerAttempts) {
          this.fail(run, copy, MESSAGES.serverUnavailable, {
            ...details,
            attempts: serverAttempts,
          });
          return;
        }
        if (action.kind === 'restart') {
          await this.store.deletePartial(copy.id).catch(() => undefined);
        }
        const delayMs =
          action.kind === 'retry' && action.retryAfterMs !== null
            ? action.retryAfterMs
            : backoffDelay(serverAttempts, this.backoff, this.random);
        this.logger.warn('scan download failed, retrying', {
          ...details,
          attempt: serverAttempts,
          delayMs,
        });
        await this.pause(run, copy, delayMs);
      }
    }
  }

  private scanContext(signal: AbortSignal): ScanDownloadContext {
    return {
      api: this.api,
      store: this.store,
      logger: this.logger,
      partialSaveBytes: this.partialSaveBytes,
      idleTimeoutMs: this.idleTimeoutMs,
      signal,
    };
  }

  /** Waits before a retry; a cancel during the wait ends the copy at the next attempt. */
  private async pause(run: Run, copy: Copy, delayMs: number): Promise<void> {
    run.tracker.setState(copy.id, 'queued');
    this.emit(run);
    await run.gate.pause(delayMs, run.controller.signal).catch(() => undefined);
  }

  private async markWithdrawn(run: Run, copy: Copy): Promise<void> {
    try {
      await this.store.markWithdrawn(copy.id);
    } catch (error) {
      const action = classifyFailure(error, run.controller.signal);
      if (action.kind === 'stop-batch') {
        this.stop(run, action.reason);
      }
      this.fail(run, copy, MESSAGES.unexpectedError, {
        copyId: copy.id,
        error: describe(error),
      });
      return;
    }

    run.tracker.setState(copy.id, 'withdrawn');
    this.emit(run);
    this.logger.info('copy withdrawn on the server', { copyId: copy.id });
  }

  private fail(
    run: Run,
    copy: Copy,
    reason: LocalizedMessage,
    details: Record<string, string | number>,
  ): void {
    this.logger.error('scan download failed', details);
    run.tracker.setState(copy.id, 'failed', reason);
    this.emit(run);
  }

  private stop(run: Run, reason: LocalizedMessage): void {
    if (run.stopReason === null) {
      run.stopReason = reason;
      run.controller.abort(new Error(reason.en));
    }
  }

  private setQueuedUnlessFinal(run: Run, copy: Copy): void {
    const state = run.tracker.state(copy.id);
    if (state === 'downloading' || state === 'verifying') {
      run.tracker.setState(copy.id, 'queued');
      this.emit(run);
    }
  }

  private emitThrottled(run: Run): void {
    if (this.now() - run.lastEmit >= this.progressIntervalMs) {
      this.emit(run);
    }
  }

  private emit(run: Run): void {
    run.lastEmit = this.now();
    this.dispatchEvent(new DownloadProgressEvent(run.tracker.snapshot()));
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `Invalid download option ${name}: ${value}, expected an integer >= 1`,
    );
  }
  return value;
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}
