/**
 * Runs the pdf.js checks of `pdf-check-worker.mjs` in a worker thread, one
 * file at a time, with a time limit per file. A file that passes the limit or
 * crashes the worker gets a fresh worker for the next file.
 */
import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./pdf-check-worker.mjs', import.meta.url);

/**
 * Heap limit of the worker. NOTE: an estimate that leaves room for a
 * 20-page scan at 300 dpi with a page decoded at a time, not a measured
 * need. File bytes live outside this heap; the importer caps file size.
 */
const WORKER_HEAP_MB = 1024;

export type PdfCheckFailure =
  | 'not-pdf'
  | 'truncated'
  | 'password'
  | 'invalid'
  | 'no-pages'
  | 'page'
  | 'unreadable'
  | 'timeout'
  | 'crashed';

export type PdfCheckResult =
  | { ok: true; pageCount: number }
  | { ok: false; reason: PdfCheckFailure; page?: number; detail: string };

interface WorkerReply {
  id: number;
  ok: boolean;
  pageCount?: number;
  reason?: PdfCheckFailure;
  page?: number;
  detail?: string;
}

export class PdfChecker {
  private worker: Worker | null = null;
  private nextId = 1;

  /** @param timeoutMs time limit for one file, milliseconds */
  constructor(private readonly timeoutMs: number) {}

  /** Opens the PDF at `file` with pdf.js and reads every page. */
  check(file: string): Promise<PdfCheckResult> {
    const worker = this.startWorker();
    const id = this.nextId++;

    return new Promise<PdfCheckResult>((resolve) => {
      const finish = (result: PdfCheckResult, stopWorker: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (stopWorker) {
          this.stopWorker(worker);
        }
        resolve(result);
      };

      const onMessage = (reply: WorkerReply) => {
        if (reply.id === id) {
          finish(toResult(reply), false);
        }
      };
      const onError = (error: Error) => {
        finish({ ok: false, reason: 'crashed', detail: error.message }, true);
      };
      const onExit = (code: number) => {
        const detail = `the PDF reader stopped with exit code ${code}`;
        finish({ ok: false, reason: 'crashed', detail }, true);
      };
      const timer = setTimeout(() => {
        const detail = `no result within ${this.timeoutMs / 1000} s`;
        finish({ ok: false, reason: 'timeout', detail }, true);
      }, this.timeoutMs);

      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, file });
    });
  }

  /** Stops the worker thread; `check` starts a new one if called again. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) {
      await worker.terminate();
    }
  }

  private startWorker(): Worker {
    if (this.worker !== null) {
      return this.worker;
    }

    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      // The worker needs no environment variables, so it gets none.
      env: {},
    });

    // A worker that exits between two checks is replaced by the next check.
    worker.once('exit', () => {
      if (this.worker === worker) {
        this.worker = null;
      }
    });

    this.worker = worker;
    return worker;
  }

  private stopWorker(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = null;
    }
    void worker.terminate();
  }
}

function toResult(reply: WorkerReply): PdfCheckResult {
  if (reply.ok && reply.pageCount !== undefined) {
    return { ok: true, pageCount: reply.pageCount };
  }
  return {
    ok: false,
    reason: reply.reason ?? 'unreadable',
    page: reply.page,
    detail: reply.detail ?? '',
  };
}
