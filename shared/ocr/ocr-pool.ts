/**
 * A small pool of tesseract.js workers that reads page images, in Chromium
 * and in Node alike.
 *
 * - Workers start on demand, up to `workerCount`, and each is terminated
 *   and started again after `pagesPerWorker` pages, because a Tesseract
 *   worker's memory grows with the pages it reads.
 * - Worker start-up has a time limit: in Chromium a Content-Security-Policy
 *   without 'wasm-unsafe-eval' makes it hang with no error.
 * - Every file comes from the paths given, never from a CDN: tesseract.js
 *   falls back to jsDelivr when a path is missing, so a missing path is an
 *   error in the constructor.
 * - A job cancelled by its AbortSignal leaves the queue, or, when it is
 *   running, terminates its worker, which the next job starts again.
 */
import Tesseract from 'tesseract.js';
import { ImagePageMapping, OcrInputError, type OcrImage } from './ocr-image';
import { SILENT_OCR_LOGGER, type OcrLogger } from './ocr-logger';
import type { OcrReading, PageBox } from './ocr-types';
import { toOcrReading, type TesseractPage } from './tesseract-reading';

/** Locations of the engine's files: URLs in Chromium, file paths in Node. */
export interface OcrEnginePaths {
  /**
   * The tesseract.js worker script: `tesseract.js/dist/worker.min.js` in
   * Chromium, `tesseract.js/src/worker-script/node/index.js` in Node.
   * NOTE: in Node a script that does not load ends the process, so Node
   * callers check it first with `checkNodeOcrFiles`.
   */
  workerPath: string;
  /**
   * The folder holding the `tesseract.js-core` files.
   * NOTE: tesseract.js 7.0.0 in Node loads the core with `require` and
   * ignores this path, so it is checked only for being present.
   */
  corePath: string;
  /** The folder holding `<language>.traineddata.gz` for every language used. */
  langPath: string;
}

export interface OcrPoolOptions extends OcrEnginePaths {
  /** Workers that may run at once, from 1 to 16. See `spareCoreWorkerCount`. */
  workerCount: number;
  /** Tesseract language codes, such as ["fra"] (the default) or ["fra", "eng"]. */
  languages?: readonly string[];
  /** Pages a worker reads before it is terminated and started again. Default 40. */
  pagesPerWorker?: number;
  /** Time a worker may take to start, in milliseconds. Default 30,000. */
  startTimeoutMs?: number;
  /**
   * Time one page may take to read, in milliseconds, after which its worker
   * is terminated and the job fails. Default 120,000.
   */
  jobTimeoutMs?: number;
  logger?: OcrLogger;
}

/** One page image to read. */
export interface OcrJob {
  image: OcrImage;
  /** The region to read, on the unrotated page. Default: the image's whole area. */
  region?: PageBox;
  /** Cancels the job: queued, it is dropped; running, its worker is terminated. */
  signal?: AbortSignal;
  /**
   * Reads the region as a single line of text (Tesseract's page segmentation
   * mode 7) instead of finding blocks and lines in it.
   */
  singleLine?: boolean;
  /** The only characters the engine may output, such as "0123456789". */
  allowedCharacters?: string;
}

/** Raised when the pool is configured wrongly, before any worker starts. */
export class OcrConfigError extends Error {
  override name = 'OcrConfigError';
}

/** Raised when a worker fails to start, or takes longer than its start-up limit. */
export class OcrWorkerStartError extends Error {
  override name = 'OcrWorkerStartError';
}

/** Raised when reading one page fails or takes longer than its limit. */
export class OcrJobError extends Error {
  override name = 'OcrJobError';
}

/** Raised for jobs still queued or running when the pool closes. */
export class OcrPoolClosedError extends Error {
  override name = 'OcrPoolClosedError';
}

export const DEFAULT_PAGES_PER_WORKER = 40;
export const DEFAULT_START_TIMEOUT_MS = 30_000;
export const DEFAULT_JOB_TIMEOUT_MS = 120_000;
export const MAX_WORKER_COUNT = 16;

/**
 * Default cap of `spareCoreWorkerCount`. Each worker uses about 150 to
 * 200 MB while it reads an A4 page, so more workers cost memory that a
 * marking laptop needs elsewhere.
 */
export const DEFAULT_WORKER_CAP = 4;

/**
 * Returns how many OCR workers to run: one per core beyond the first, which
 * stays free for the user interface, at least 1 and at most `cap`. Pass
 * `navigator.hardwareConcurrency` in Chromium and `os.availableParallelism()`
 * in Node.
 */
export function spareCoreWorkerCount(
  hardwareConcurrency: number | undefined,
  cap: number = DEFAULT_WORKER_CAP,
): number {
  const cores =
    hardwareConcurrency !== undefined && Number.isFinite(hardwareConcurrency)
      ? Math.floor(hardwareConcurrency)
      : 1;
  const limit = Number.isFinite(cap) ? Math.max(1, Math.floor(cap)) : 1;
  return Math.max(1, Math.min(limit, cores - 1));
}

interface WorkerSlot {
  index: number;
  /** Incremented at each start, so logs tell successive workers apart. */
  generation: number;
  worker: Tesseract.Worker | undefined;
  pagesRead: number;
  busy: boolean;
}

interface QueuedJob {
  job: OcrJob;
  id: number;
  resolve(reading: OcrReading): void;
  reject(error: unknown): void;
  /** Removes the job's abort listener. */
  detach(): void;
}

function checkWholeNumber(
  field: string,
  value: number,
  min: number,
  max: number,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new OcrConfigError(
      `Invalid OCR pool option ${field}: ${String(value)}. Use a whole number from ${min} to ${max}.`,
    );
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('OCR job aborted', 'AbortError');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function imageBytes(data: Uint8Array | Blob): Promise<Uint8Array> {
  // tesseract.js reads a Blob in Chromium only, so both sides get bytes.
  return data instanceof Uint8Array
    ? data
    : new Uint8Array(await data.arrayBuffer());
}

export class OcrPool {
  private readonly options: Required<Omit<OcrPoolOptions, 'logger'>>;
  private readonly logger: OcrLogger;
  private readonly slots: WorkerSlot[];
  private readonly queue: QueuedJob[] = [];
  private nextJobId = 1;
  private closed = false;

  /** Raises `OcrConfigError` when a path is missing or an option is out of range. */
  constructor(options: OcrPoolOptions) {
    for (const field of ['workerPath', 'corePath', 'langPath'] as const) {
      const value: unknown = options[field];
      if (typeof value !== 'string' || value.trim() === '') {
        throw new OcrConfigError(
          `Missing OCR pool option ${field}: give the location of the file that the application ships, because without it tesseract.js downloads from a CDN.`,
        );
      }
    }

    const languages = options.languages ?? ['fra'];
    if (
      languages.length === 0 ||
      !languages.every((code) => /^[a-z_]+$/i.test(code))
    ) {
      throw new OcrConfigError(
        `Invalid OCR pool option languages: ${JSON.stringify(languages)}. Give one or more Tesseract language codes, such as ["fra"].`,
      );
    }

    this.options = {
      workerPath: options.workerPath,
      corePath: options.corePath,
      langPath: options.langPath,
      workerCount: options.workerCount,
      languages,
      pagesPerWorker: options.pagesPerWorker ?? DEFAULT_PAGES_PER_WORKER,
      startTimeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      jobTimeoutMs: options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS,
    };
    checkWholeNumber(
      'workerCount',
      this.options.workerCount,
      1,
      MAX_WORKER_COUNT,
    );
    checkWholeNumber('pagesPerWorker', this.options.pagesPerWorker, 1, 100_000);
    checkWholeNumber('startTimeoutMs', this.options.startTimeoutMs, 1, 600_000);
    checkWholeNumber('jobTimeoutMs', this.options.jobTimeoutMs, 1, 3_600_000);

    this.logger = options.logger ?? SILENT_OCR_LOGGER;
    this.slots = Array.from(
      { length: this.options.workerCount },
      (_, index) => ({
        index,
        generation: 0,
        worker: undefined,
        pagesRead: 0,
        busy: false,
      }),
    );
  }

  /** Language codes joined as Tesseract names them, such as "fra+eng". */
  get languages(): string {
    return this.options.languages.join('+');
  }

  /** Workers running now, idle or busy. */
  get runningWorkerCount(): number {
    return this.slots.filter((slot) => slot.worker !== undefined).length;
  }

  /** Jobs waiting for a free worker. */
  get queuedJobCount(): number {
    return this.queue.length;
  }

  /**
   * Reads one page image. Rejects with `OcrInputError` for an invalid image
   * or region, `OcrWorkerStartError`, `OcrJobError`, `OcrPoolClosedError`,
   * or the signal's reason when the job is aborted.
   */
  recognize(job: OcrJob): Promise<OcrReading> {
    if (this.closed) {
      return Promise.reject(
        new OcrPoolClosedError('The OCR pool is closed: create a new one.'),
      );
    }
    try {
      // Checked now, so a bad request fails before it waits in the queue.
      const mapping = mappingOf(job);
      mapping.pageToPixels(job.region ?? mapping.area);
    } catch (error) {
      return Promise.reject(error);
    }
    if (job.signal?.aborted === true) {
      return Promise.reject(abortReason(job.signal));
    }

    return new Promise<OcrReading>((resolve, reject) => {
      const queued: QueuedJob = {
        job,
        id: this.nextJobId++,
        resolve,
        reject,
        detach: () => undefined,
      };

      const signal = job.signal;
      if (signal !== undefined) {
        const onAbort = () => {
          const position = this.queue.indexOf(queued);
          if (position >= 0) {
            this.queue.splice(position, 1);
            this.logger.debug('OCR job dropped from the queue', {
              job: queued.id,
            });
            reject(abortReason(signal));
          }
          // A running job watches the signal itself, in `raceJob`.
        };
        signal.addEventListener('abort', onAbort, { once: true });
        queued.detach = () => signal.removeEventListener('abort', onAbort);
      }

      this.queue.push(queued);
      this.dispatch();
    });
  }

  /** Rejects queued jobs with `OcrPoolClosedError` and terminates every worker. */
  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;

    const error = new OcrPoolClosedError(
      'The OCR pool closed before this page was read.',
    );
    for (const queued of this.queue.splice(0)) {
      queued.detach();
      queued.reject(error);
    }

    await Promise.all(
      this.slots.map((slot) => this.terminateWorker(slot, 'pool closed')),
    );
    this.logger.info('OCR pool closed');
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length > 0) {
      const slot =
        this.slots.find((s) => !s.busy && s.worker !== undefined) ??
        this.slots.find((s) => !s.busy);
      if (slot === undefined) {
        return;
      }
      const queued = this.queue.shift() as QueuedJob;
      slot.busy = true;
      void this.runJob(slot, queued).finally(() => {
        slot.busy = false;
        this.dispatch();
      });
    }
  }

  private async runJob(slot: WorkerSlot, queued: QueuedJob): Promise<void> {
    try {
      const reading = await this.readWithWorker(slot, queued);
      queued.resolve(reading);
    } catch (error) {
      queued.reject(error);
    } finally {
      queued.detach();
    }
  }

  private async readWithWorker(
    slot: WorkerSlot,
    queued: QueuedJob,
  ): Promise<OcrReading> {
    const { job } = queued;
    const mapping = mappingOf(job);
    const region = job.region ?? mapping.area;

    if (slot.worker === undefined) {
      try {
        slot.worker = await this.startWorker(slot);
      } catch (error) {
        // The same configuration fails for every queued job, so they fail now
        // rather than each waiting for its own start-up to fail.
        this.rejectQueue(error);
        throw error;
      }
    }
    if (job.signal?.aborted === true) {
      throw abortReason(job.signal);
    }

    const worker = slot.worker;
    const bytes = await imageBytes(job.image.data);
    const parameters: Record<string, string> = {};
    if (job.image.dpi !== undefined) {
      parameters.user_defined_dpi = String(Math.round(job.image.dpi));
    }
    if (job.singleLine === true) {
      parameters.tessedit_pageseg_mode = '7';
    }
    if (job.allowedCharacters !== undefined) {
      parameters.tessedit_char_whitelist = job.allowedCharacters;
    }

    const started = performance.now();
    const result = await this.raceJob(
      slot,
      queued,
      worker.recognize(
        // tesseract.js 7.0.0 reads a Uint8Array on both sides, though its
        // types list Buffer only.
        bytes as unknown as Tesseract.ImageLike,
        { rectangle: mapping.pageToPixels(region), ...parameters },
        { blocks: true, text: false },
      ),
    );

    slot.pagesRead += 1;
    this.logger.debug('OCR page read', {
      job: queued.id,
      worker: slot.index,
      generation: slot.generation,
      milliseconds: Math.round(performance.now() - started),
    });
    if (slot.pagesRead >= this.options.pagesPerWorker) {
      this.logger.info('OCR worker recycled', {
        worker: slot.index,
        generation: slot.generation,
        pagesRead: slot.pagesRead,
      });
      await this.terminateWorker(slot, 'recycled');
    }

    return toOcrReading(
      result.data as unknown as TesseractPage,
      mapping,
      region,
      this.languages,
    );
  }

  /**
   * Waits for a running job, but terminates its worker when the job is
   * aborted or runs past its time limit: tesseract.js has no other way to
   * stop a recognition.
   */
  private async raceJob<T>(
    slot: WorkerSlot,
    queued: QueuedJob,
    work: Promise<T>,
  ): Promise<T> {
    const signal = queued.job.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;

    const stopped = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.logger.warn('OCR job timed out, so its worker is terminated', {
          job: queued.id,
          worker: slot.index,
          generation: slot.generation,
          timeoutMs: this.options.jobTimeoutMs,
        });
        void this.terminateWorker(slot, 'job timed out');
        reject(
          new OcrJobError(
            `Reading the page took longer than ${this.options.jobTimeoutMs} ms, so its OCR worker was terminated. Try again, or raise jobTimeoutMs for very large images.`,
          ),
        );
      }, this.options.jobTimeoutMs);

      if (signal !== undefined) {
        onAbort = () => {
          this.logger.info('OCR job aborted, so its worker is terminated', {
            job: queued.id,
            worker: slot.index,
            generation: slot.generation,
          });
          void this.terminateWorker(slot, 'job aborted');
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });

    try {
      return await Promise.race([
        work.catch((error: unknown) => {
          this.logger.error('OCR job failed', {
            job: queued.id,
            worker: slot.index,
            generation: slot.generation,
            error: messageOf(error),
          });
          throw new OcrJobError(`Reading the page failed: ${messageOf(error)}`);
        }),
        stopped,
      ]);
    } finally {
      clearTimeout(timer);
      if (signal !== undefined && onAbort !== undefined) {
        signal.removeEventListener('abort', onAbort);
      }
    }
  }

  private async startWorker(slot: WorkerSlot): Promise<Tesseract.Worker> {
    slot.generation += 1;
    slot.pagesRead = 0;
    const fields = { worker: slot.index, generation: slot.generation };
    const started = performance.now();
    this.logger.info('OCR worker starting', {
      ...fields,
      languages: this.languages,
    });

    let failStart: (error: Error) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => {
      failStart = reject;
    });
    let starting = true;
    let timer: ReturnType<typeof setTimeout> | undefined;

    // Without an errorHandler tesseract.js throws a worker's error from a
    // message listener, where no caller can catch it and Node exits.
    const creation = Tesseract.createWorker(
      [...this.options.languages],
      Tesseract.OEM.LSTM_ONLY,
      {
        workerPath: this.options.workerPath,
        corePath: this.options.corePath,
        langPath: this.options.langPath,
        cacheMethod: 'none',
        workerBlobURL: false,
        gzip: true,
        errorHandler: (error: unknown) => {
          if (starting) {
            failStart(
              new OcrWorkerStartError(
                `Starting an OCR worker failed: ${messageOf(error)}. Check that ${this.options.langPath} contains ${this.options.languages.map((code) => `${code}.traineddata.gz`).join(' and ')}, and that workerPath and corePath point at the shipped files.`,
              ),
            );
          }
          // After start-up the rejected recognize call reports the error.
        },
      },
    );
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new OcrWorkerStartError(
            `An OCR worker did not start within ${this.options.startTimeoutMs} ms. In Chromium, check that the Content-Security-Policy allows 'wasm-unsafe-eval' and that ${this.options.workerPath} loads.`,
          ),
        );
      }, this.options.startTimeoutMs);
    });

    try {
      const worker = await Promise.race([
        creation.catch((error: unknown) => {
          throw new OcrWorkerStartError(
            `Starting an OCR worker failed: ${messageOf(error)}. Check that workerPath (${this.options.workerPath}) points at the tesseract.js worker script.`,
          );
        }),
        failure,
        timeout,
      ]);
      this.logger.info('OCR worker started', {
        ...fields,
        milliseconds: Math.round(performance.now() - started),
      });
      return worker;
    } catch (error) {
      this.logger.error('OCR worker start failed', {
        ...fields,
        milliseconds: Math.round(performance.now() - started),
        error: messageOf(error),
      });
      // NOTE: tesseract.js hands out the worker only once it has started,
      // so a worker that never replies cannot be terminated from here. One
      // that replies late is terminated then.
      creation.then(
        (late) => void late.terminate(),
        () => undefined,
      );
      throw error;
    } finally {
      starting = false;
      clearTimeout(timer);
    }
  }

  private async terminateWorker(
    slot: WorkerSlot,
    reason: string,
  ): Promise<void> {
    const worker = slot.worker;
    if (worker === undefined) {
      return;
    }
    slot.worker = undefined;
    slot.pagesRead = 0;
    try {
      await worker.terminate();
      this.logger.debug('OCR worker terminated', {
        worker: slot.index,
        generation: slot.generation,
        reason,
      });
    } catch (error) {
      this.logger.warn('OCR worker termination failed', {
        worker: slot.index,
        generation: slot.generation,
        reason,
        error: messageOf(error),
      });
    }
  }

  private rejectQueue(error: unknown): void {
    for (const queued of this.queue.splice(0)) {
      queued.detach();
      queued.reject(error);
    }
  }
}

function mappingOf(job: OcrJob): ImagePageMapping {
  const { image } = job;
  if (!(image.data instanceof Uint8Array) && !(image.data instanceof Blob)) {
    throw new OcrInputError(
      'Invalid image data: give the PNG or JPEG bytes as a Uint8Array or a Blob.',
    );
  }
  return new ImagePageMapping(
    image.width,
    image.height,
    image.area,
    image.rotation,
  );
}
