/**
 * The batch downloads started from the screens: one `DownloadEngine` per
 * batch, its latest progress for the progress bars, and its result. The
 * scans themselves go to the local store, where the copy list reads their
 * state, so a restart shows what is already offline.
 */
import type { ApiClient } from '../../core/api/api-client';
import {
  DownloadEngine,
  DownloadProgressEvent,
  type DownloadResult,
} from '../../core/download/download-engine';
import type { Logger } from '../../core/download/logger';
import type { DownloadProgress } from '../../core/download/progress';
import type { ScanStore } from '../../core/download/scan-store';

export interface BatchDownload {
  batchId: string;
  running: boolean;
  progress: DownloadProgress | null;
  /** The outcome of the last run; null while it runs. */
  result: DownloadResult | null;
  /** An error that ended the run before it started, such as no network. */
  error: unknown;
}

interface RunningDownload {
  engine: DownloadEngine;
  controller: AbortController;
}

export class DownloadManager {
  private readonly downloads = new Map<string, BatchDownload>();
  private readonly running = new Map<string, RunningDownload>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly options: {
      getApi: () => ApiClient | null;
      store: ScanStore;
      logger: Logger;
      /**
       * Called when a download pauses because the server cannot be reached
       * (`true`) and when it resumes (`false`).
       */
      onReachabilityChange?: (offline: boolean) => void;
    },
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Returns the download of `batchId` started in this window, or null. */
  get(batchId: string): BatchDownload | null {
    return this.downloads.get(batchId) ?? null;
  }

  /** Starts downloading every copy of the batch that is not stored yet. */
  start(batchId: string): void {
    const api = this.options.getApi();
    if (api === null || this.running.has(batchId)) {
      return;
    }

    const engine = new DownloadEngine({
      api,
      store: this.options.store,
      logger: this.options.logger,
    });
    const controller = new AbortController();
    this.running.set(batchId, { engine, controller });
    this.update(batchId, {
      batchId,
      running: true,
      progress: null,
      result: null,
      error: null,
    });

    engine.addEventListener('progress', (event) => {
      if (!this.isCurrent(batchId, controller)) {
        return;
      }
      const { progress } = event as DownloadProgressEvent;
      const wasOffline = this.downloads.get(batchId)?.progress?.offline;
      if (wasOffline !== undefined && wasOffline !== progress.offline) {
        this.options.onReachabilityChange?.(progress.offline);
      } else if (wasOffline === undefined && progress.offline) {
        this.options.onReachabilityChange?.(true);
      }
      this.update(batchId, { ...this.downloads.get(batchId)!, progress });
    });

    this.options.logger.info('download requested for batch', { batchId });
    engine
      .downloadBatch(batchId, { signal: controller.signal })
      .then((result) => {
        this.options.logger.info('download of batch finished', {
          batchId,
          outcome: result.outcome,
          copiesDone: result.progress.copiesDone,
          copiesTotal: result.progress.copiesTotal,
        });
        this.finish(batchId, controller, {
          result,
          progress: result.progress,
        });
      })
      .catch((error: unknown) => {
        // A cancel while the copy list is requested ends the run without
        // copies to report, which is not an error to show.
        if (controller.signal.aborted) {
          this.options.logger.info(
            'batch download cancelled before it started',
            { batchId },
          );
          this.finish(batchId, controller, {});
          return;
        }
        this.options.logger.warn('batch download could not start', {
          batchId,
          error: String(error),
        });
        this.finish(batchId, controller, { error });
      });
  }

  /** Stops the download of `batchId`; the bytes received so far are kept. */
  cancel(batchId: string): void {
    this.running.get(batchId)?.controller.abort();
  }

  /**
   * Stops every download and clears their results, as at sign-out, so the
   * next examiner sees no message about the previous one's downloads.
   */
  reset(): void {
    for (const { controller } of this.running.values()) {
      controller.abort();
    }
    this.running.clear();
    this.downloads.clear();
    for (const listener of this.listeners) {
      listener();
    }
  }

  /** Tells every running download that the network is back. */
  online(): void {
    for (const { engine } of this.running.values()) {
      engine.online();
    }
  }

  /** Tests whether `controller` belongs to the run of `batchId` not yet reset. */
  private isCurrent(batchId: string, controller: AbortController): boolean {
    return this.running.get(batchId)?.controller === controller;
  }

  private finish(
    batchId: string,
    controller: AbortController,
    changes: Partial<BatchDownload>,
  ): void {
    if (!this.isCurrent(batchId, controller)) {
      return;
    }
    this.running.delete(batchId);
    this.update(batchId, {
      ...this.downloads.get(batchId)!,
      running: false,
      ...changes,
    });
  }

  private update(batchId: string, download: BatchDownload): void {
    this.downloads.set(batchId, download);
    for (const listener of this.listeners) {
      listener();
    }
  }
}
