/**
 * The OCR queue: decides what the engine reads next and stores what it
 * reads. Three priorities, highest first:
 *
 * 1. `shown`: the whole page the examiner is looking at.
 * 2. `integrity`: the integrity checks of each downloaded copy, which read
 *    the header band of every page.
 * 3. `idle`: the whole of every page, only while the examiner is idle.
 *
 * The queue keeps no state of its own on disk: `refresh` plans the work
 * from what the store lacks, so after a restart it goes on where it
 * stopped and reads no page twice. The checks of a copy run with its
 * batch's header layout, and run again when that layout changes.
 */
import type { HeaderLayout } from '../../../shared/ocr/header-layout';
import type { OcrReading } from '../../../shared/ocr/ocr-types';
import { type Logger, SILENT_LOGGER } from '../download/logger';
import type { CopydeskDatabase } from '../store/database';
import type { CopyRow, OcrScope } from '../store/rows';
import {
  HeaderLayoutResolver,
  type BatchHeaderLayout,
} from './batch-header-layout';
import type { IntegrityFinding } from './integrity-finding';
import type { OcrPageRef, OcrStore } from './ocr-store';

export type OcrPriority = 'shown' | 'integrity' | 'idle';

const PRIORITY_ORDER: readonly OcrPriority[] = ['shown', 'integrity', 'idle'];

/** A page to read, and how much of it. */
export interface PageReadRequest extends OcrPageRef {
  scope: OcrScope;
}

/** One unit of work: a whole page to read, or a copy to check (`page` null). */
interface WorkRequest {
  copyId: string;
  batchId: string;
  revision: number;
  page: number | null;
  /** The header layout of the checks; set when `page` is null. */
  layout?: BatchHeaderLayout;
}

/** Reads page images with the OCR engine; the app renders them with pdf.js. */
export interface OcrPageReader {
  read(request: PageReadRequest, signal: AbortSignal): Promise<OcrReading>;
}

/** Runs the integrity checks of a copy's stored scan revision. */
export interface CopyInspector {
  inspect(
    copy: CopyRow,
    layout: HeaderLayout,
    signal: AbortSignal,
  ): Promise<IntegrityFinding[]>;
}

export interface OcrQueueOptions {
  db: CopydeskDatabase;
  store: OcrStore;
  reader: OcrPageReader;
  inspector: CopyInspector;
  /** Pages read at the same time: one per OCR worker. */
  concurrency: number;
  logger?: Logger;
  /** Failed attempts at one page or copy before the queue gives up on it. */
  maxAttempts?: number;
  /** Parses the batches' header layouts; by default one that logs to `logger`. */
  layouts?: HeaderLayoutResolver;
}

interface Job {
  key: string;
  request: WorkRequest;
  priority: OcrPriority;
  controller: AbortController | null;
}

/** Work that failed, and how often, until the copy's revision changes. */
interface Failure {
  attempts: number;
  message: string;
}

export class OcrQueue {
  readonly #options: Required<OcrQueueOptions>;
  readonly #jobs = new Map<string, Job>();
  readonly #failures = new Map<string, Failure>();
  readonly #idleWaiters = new Set<() => void>();
  #shownKey: string | null = null;
  #idle = false;
  #enabled = true;
  #closed = false;

  constructor(options: OcrQueueOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError(
        `Invalid OCR concurrency ${options.concurrency}: use a whole number of workers, 1 or more.`,
      );
    }
    const logger = options.logger ?? SILENT_LOGGER;
    this.#options = {
      logger,
      maxAttempts: 2,
      layouts: new HeaderLayoutResolver(logger),
      ...options,
    };
  }

  /** Number of pages being read now. */
  get running(): number {
    let count = 0;
    for (const job of this.#jobs.values()) {
      if (job.controller !== null) {
        count += 1;
      }
    }
    return count;
  }

  /** Number of page reads waiting, by priority. */
  pending(): Record<OcrPriority, number> {
    const counts: Record<OcrPriority, number> = {
      shown: 0,
      integrity: 0,
      idle: 0,
    };
    for (const job of this.#jobs.values()) {
      if (job.controller === null) {
        counts[job.priority] += 1;
      }
    }
    return counts;
  }

  /**
   * Plans the work of every stored copy that is not withdrawn: whole pages
   * not read yet, and the checks of copies not checked yet or checked with
   * another header layout than their batch's. Drops the work of copies
   * that were withdrawn or rescanned since, and deletes their old
   * readings.
   */
  async refresh(): Promise<void> {
    const { db, store } = this.#options;
    const copies = (await db.copies.toArray()).filter(isReadable);
    const current = new Map(copies.map((copy) => [copy.id, copy]));
    const layouts = await this.#readLayouts(copies);
    const defaultKey = (await this.#options.layouts.defaultLayout()).key;

    for (const job of [...this.#jobs.values()]) {
      const copy = current.get(job.request.copyId);
      if (copy?.storedRevision !== job.request.revision) {
        this.#cancel(job, 'copy withdrawn or rescanned');
      } else if (
        job.request.layout !== undefined &&
        job.request.layout.key !== layouts.get(copy.batchId)?.key
      ) {
        this.#cancel(job, 'header layout changed');
      }
    }

    for (const copy of copies) {
      const revision = copy.storedRevision as number;
      await store.deleteOtherRevisions(copy.id, revision);
      const ref = { copyId: copy.id, batchId: copy.batchId, revision };

      const layout = layouts.get(copy.batchId) as BatchHeaderLayout;
      const checked = await store.findingsLayoutKey(copy.id, revision);
      if (checked === null || (checked ?? defaultKey) !== layout.key) {
        this.#add({ ...ref, page: null, layout }, 'integrity');
      }
      const scopes = await store.readScopes(copy.id, revision);
      for (let page = 1; page <= copy.pageCount; page += 1) {
        if (scopes.get(page) !== 'page') {
          this.#add({ ...ref, page }, 'idle');
        }
      }
    }
    this.#pump();
  }

  /** Returns the header layout of each batch that `copies` belong to. */
  async #readLayouts(
    copies: readonly CopyRow[],
  ): Promise<Map<string, BatchHeaderLayout>> {
    const batchIds = [...new Set(copies.map((copy) => copy.batchId))];
    const batches = await this.#options.db.batches.bulkGet(batchIds);
    const layouts = new Map<string, BatchHeaderLayout>();
    for (const [index, batchId] of batchIds.entries()) {
      layouts.set(batchId, await this.#options.layouts.resolve(batches[index]));
    }
    return layouts;
  }

  /**
   * Reads the page the examiner is looking at first. A page shown before
   * and not needed now goes back to idle priority, and its read stops if
   * it was running while the examiner is active. `null` when no page is
   * shown.
   */
  async showPage(copyId: string | null, page = 1): Promise<void> {
    const previous =
      this.#shownKey === null ? undefined : this.#jobs.get(this.#shownKey);
    this.#shownKey = null;

    if (copyId !== null) {
      const copy = await this.#options.db.copies.get(copyId);
      if (copy !== undefined && isReadable(copy) && page <= copy.pageCount) {
        const revision = copy.storedRevision as number;
        const scopes = await this.#options.store.readScopes(copyId, revision);
        if (scopes.get(page) !== 'page') {
          const request: WorkRequest = {
            copyId,
            batchId: copy.batchId,
            revision,
            page,
          };
          this.#shownKey = keyOf(request);
          this.#add(request, 'shown');
        }
      }
    }

    if (previous !== undefined && previous.key !== this.#shownKey) {
      previous.priority = 'idle';
      if (previous.controller !== null && !this.#idle) {
        this.#cancel(previous, 'page no longer shown');
        this.#add(previous.request, 'idle');
      }
    }
    this.#pump();
  }

  /** Stops every read of a copy, such as one withdrawn from the examiner. */
  withdrawCopy(copyId: string): void {
    for (const job of [...this.#jobs.values()]) {
      if (job.request.copyId === copyId) {
        this.#cancel(job, 'copy withdrawn');
      }
    }
  }

  /**
   * Sets whether the examiner is idle. Whole-page reads of pages not shown
   * start only while idle, and those running go on to their end.
   */
  setIdle(idle: boolean): void {
    this.#idle = idle;
    this.#pump();
  }

  /**
   * Turns OCR on or off. Off stops the running reads and keeps them
   * waiting, so turning it on again resumes them.
   */
  setEnabled(enabled: boolean): void {
    this.#enabled = enabled;
    if (!enabled) {
      for (const job of this.#jobs.values()) {
        if (job.controller !== null) {
          this.#cancel(job, 'OCR turned off');
          this.#add(job.request, job.priority);
        }
      }
    }
    this.#pump();
  }

  /** Resolves once nothing runs and nothing that may start now is waiting. */
  whenIdle(): Promise<void> {
    if (this.#isSettled()) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#idleWaiters.add(resolve));
  }

  /** Stops every read; the queue starts nothing after this. */
  close(): void {
    this.#closed = true;
    for (const job of [...this.#jobs.values()]) {
      this.#cancel(job, 'queue closed');
    }
    this.#settle();
  }

  #add(request: WorkRequest, priority: OcrPriority): void {
    const key = keyOf(request);
    const failure = this.#failures.get(key);
    if (
      failure !== undefined &&
      failure.attempts >= this.#options.maxAttempts
    ) {
      return;
    }

    const job = this.#jobs.get(key);
    if (job === undefined) {
      this.#jobs.set(key, { key, request, priority, controller: null });
    } else if (rank(priority) < rank(job.priority)) {
      job.priority = priority;
    }
  }

  #cancel(job: Job, reason: string): void {
    this.#jobs.delete(job.key);
    if (job.controller !== null) {
      this.#options.logger.debug('OCR read cancelled', {
        copyId: job.request.copyId,
        page: job.request.page,
        reason,
      });
      job.controller.abort(new DOMException(reason, 'AbortError'));
    }
  }

  #nextJob(): Job | undefined {
    let best: Job | undefined;
    for (const job of this.#jobs.values()) {
      if (job.controller !== null) {
        continue;
      }
      if (job.priority === 'idle' && !this.#idle) {
        continue;
      }
      if (best === undefined || rank(job.priority) < rank(best.priority)) {
        best = job;
      }
    }
    return best;
  }

  #pump(): void {
    while (
      !this.#closed &&
      this.#enabled &&
      this.running < this.#options.concurrency
    ) {
      const job = this.#nextJob();
      if (job === undefined) {
        break;
      }
      job.controller = new AbortController();
      void this.#run(job, job.controller);
    }
    this.#settle();
  }

  async #run(job: Job, controller: AbortController): Promise<void> {
    const { request } = job;

    try {
      if (request.page === null) {
        await this.#inspect(request, controller.signal);
      } else {
        await this.#read({ ...request, page: request.page }, controller.signal);
      }
      this.#failures.delete(job.key);
    } catch (error) {
      if (!controller.signal.aborted) {
        const attempts = (this.#failures.get(job.key)?.attempts ?? 0) + 1;
        const message = error instanceof Error ? error.message : String(error);
        this.#failures.set(job.key, { attempts, message });
        this.#options.logger.warn(
          request.page === null
            ? 'OCR integrity checks failed'
            : 'OCR read failed',
          {
            copyId: request.copyId,
            revision: request.revision,
            page: request.page,
            attempt: attempts,
            error: message,
          },
        );
      }
    } finally {
      if (this.#jobs.get(job.key) === job) {
        this.#jobs.delete(job.key);
        if (!controller.signal.aborted && this.#failures.has(job.key)) {
          this.#add(request, job.priority);
        }
      }
    }
    this.#pump();
  }

  async #read(ref: OcrPageRef, signal: AbortSignal): Promise<void> {
    const reading = await this.#options.reader.read(
      { ...ref, scope: 'page' },
      signal,
    );
    signal.throwIfAborted();
    await this.#options.store.saveReading(ref, 'page', reading);
  }

  async #inspect(request: WorkRequest, signal: AbortSignal): Promise<void> {
    const { db, store, inspector, logger } = this.#options;
    const copy = await db.copies.get(request.copyId);
    if (copy?.storedRevision !== request.revision || !isReadable(copy)) {
      return;
    }

    const layout =
      request.layout ?? (await this.#options.layouts.defaultLayout());
    const findings = await inspector.inspect(copy, layout.layout, signal);
    signal.throwIfAborted();
    await store.saveFindings(
      copy.id,
      copy.batchId,
      request.revision,
      findings,
      layout.key,
    );
    logger.info('OCR integrity checks done', {
      copyId: copy.id,
      revision: request.revision,
      layoutKey: layout.key,
      findings: findings.length,
    });
  }

  #isSettled(): boolean {
    if (this.#closed || !this.#enabled) {
      return this.running === 0;
    }
    return this.running === 0 && this.#nextJob() === undefined;
  }

  #settle(): void {
    if (this.#idleWaiters.size === 0 || !this.#isSettled()) {
      return;
    }
    for (const resolve of this.#idleWaiters) {
      resolve();
    }
    this.#idleWaiters.clear();
  }
}

function isReadable(copy: CopyRow): boolean {
  return copy.storedRevision !== null && copy.withdrawnAt === null;
}

function keyOf(request: WorkRequest): string {
  return JSON.stringify([
    request.copyId,
    request.revision,
    request.page,
    request.layout?.key ?? null,
  ]);
}

function rank(priority: OcrPriority): number {
  return PRIORITY_ORDER.indexOf(priority);
}
