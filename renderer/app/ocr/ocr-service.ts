/**
 * OCR in the app: the tesseract.js pool with the files the build ships in
 * `ocr/`, the queue over the local store, and the examiner's idle state.
 * The queue plans its work again whenever the stored copies change, such as
 * after a download, a rescan or a withdrawal, and whenever a batch's header
 * layout changes.
 */
import { liveQuery, type Subscription } from 'dexie';

import { canonicalJson } from '../../../shared/canonical-json';
import { OcrPool, spareCoreWorkerCount } from '../../../shared/ocr/ocr-pool';
import { inspectCopy } from '../../../shared/ocr/page-inspection';
import { WHOLE_PAGE } from '../../../shared/ocr/ocr-types';
import type { Logger } from '../../core/download/logger';
import {
  OcrQueue,
  type CopyInspector,
  type OcrPageReader,
} from '../../core/ocr/ocr-queue';
import type { OcrStore } from '../../core/ocr/ocr-store';
import type { LocalStore } from '../../core/store/local-store';
import type { OpenedScan } from '../viewer/pdf-document';
import { PdfPageSource } from './pdf-page-source';

/** Resolution whole pages are rendered at for OCR, in dots per inch. */
const PAGE_DPI = 150;

/** Time without keyboard, pointer or wheel input after which the examiner counts as idle. */
const IDLE_AFTER_MS = 5_000;

const OPEN_SCAN_TIMEOUT_MS = 30_000;

export interface OcrService {
  store: OcrStore;
  queue: OcrQueue;
  /**
   * Reads the page the examiner is looking at before any other, unless it
   * is read already; `null` when no page is shown. Failures are logged.
   */
  showPage(copyId: string | null, page?: number): void;
  close(): Promise<void>;
}

/** Builds and starts OCR over `store`; nothing is read until a scan is stored. */
export function startOcrService(store: LocalStore, logger: Logger): OcrService {
  const base = new URL('ocr/', document.baseURI).href;
  const pool = new OcrPool({
    workerPath: `${base}worker.min.js`,
    corePath: base,
    langPath: base.replace(/\/$/, ''),
    workerCount: spareCoreWorkerCount(navigator.hardwareConcurrency),
    languages: ['fra'],
    logger,
  });
  const scans = new ScanCache(store, logger);
  const ocrStore = store.ocr;

  const reader: OcrPageReader = {
    async read(request, signal) {
      const image = await scans.use(
        request.copyId,
        request.revision,
        (source) =>
          source.renderRegion(request.page, {
            region: WHOLE_PAGE,
            rotation: 0,
            dpi: PAGE_DPI,
            signal,
          }),
      );
      return pool.recognize({ image, signal });
    },
  };
  const inspector: CopyInspector = {
    async inspect(copy, layout, signal) {
      const revision = copy.storedRevision as number;
      const inspection = await scans.use(copy.id, revision, (source) =>
        inspectCopy(source, pool, {
          expectedCode: copy.anonymousCode,
          layout,
          signal,
        }),
      );
      return inspection.findings;
    },
  };

  const queue = new OcrQueue({
    db: store.db,
    store: ocrStore,
    reader,
    inspector,
    concurrency: spareCoreWorkerCount(navigator.hardwareConcurrency),
    logger,
  });

  const subscription = watchStoredCopies(store, () => {
    queue
      .refresh()
      .catch((error: unknown) =>
        logger.error('OCR planning failed', { error: String(error) }),
      );
  });
  const stopIdleWatch = watchIdle((idle) => queue.setIdle(idle));

  return {
    store: ocrStore,
    queue,
    showPage(copyId, page = 1) {
      queue.showPage(copyId, page).catch((error: unknown) =>
        logger.error('OCR of the page shown failed to start', {
          copyId,
          page,
          error: String(error),
        }),
      );
    },
    async close() {
      subscription.unsubscribe();
      stopIdleWatch();
      queue.close();
      await pool.close();
      await scans.close();
    },
  };
}

/**
 * Calls `onChange` whenever the set of stored scans and their revisions
 * changes, or a batch's header layout does.
 */
function watchStoredCopies(
  store: LocalStore,
  onChange: () => void,
): Subscription {
  let last: string | null = null;
  return liveQuery(async () => {
    const copies = await store.db.copies.toArray();
    const batches = await store.db.batches.toArray();
    return [
      ...copies.map(
        (copy) => `${copy.id}:${copy.storedRevision}:${copy.withdrawnAt}`,
      ),
      ...batches.map(
        (batch) => `${batch.id}:${canonicalJson(batch.headerLayout ?? null)}`,
      ),
    ]
      .sort()
      .join('\n');
  }).subscribe({
    next: (signature) => {
      if (signature !== last) {
        last = signature;
        onChange();
      }
    },
  });
}

/** Reports the examiner idle after `IDLE_AFTER_MS` without input; returns a stop function. */
function watchIdle(onChange: (idle: boolean) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle = false;

  const active = () => {
    if (idle) {
      idle = false;
      onChange(false);
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      idle = true;
      onChange(true);
    }, IDLE_AFTER_MS);
  };

  const events = ['keydown', 'pointerdown', 'wheel'] as const;
  for (const event of events) {
    window.addEventListener(event, active, { passive: true, capture: true });
  }
  active();
  return () => {
    clearTimeout(timer);
    for (const event of events) {
      window.removeEventListener(event, active, { capture: true });
    }
  };
}

/**
 * The scans that OCR is reading, kept open between pages. A scan no job
 * uses is closed once more than `maxIdle` such scans are open, because a
 * scan's decoded pages take memory.
 */
class ScanCache {
  readonly #open = new Map<
    string,
    { scan: Promise<OpenedScan>; users: number }
  >();

  constructor(
    private readonly store: LocalStore,
    private readonly logger: Logger,
    private readonly maxIdle = 1,
  ) {}

  /** Runs `use` with the scan's pages, opening the scan if needed. */
  async use<T>(
    copyId: string,
    revision: number,
    use: (source: PdfPageSource) => Promise<T>,
  ): Promise<T> {
    const key = `${copyId}:${revision}`;
    let entry = this.#open.get(key);
    if (entry === undefined) {
      entry = { scan: this.#load(copyId, revision), users: 0 };
      // A failed open is tried again by the next job.
      entry.scan.catch(() => this.#open.delete(key));
    } else {
      this.#open.delete(key);
    }
    // Map order is least recently used first.
    this.#open.set(key, entry);
    entry.users += 1;

    try {
      return await use(new PdfPageSource((await entry.scan).document));
    } finally {
      entry.users -= 1;
      this.#closeUnused();
    }
  }

  async close(): Promise<void> {
    const entries = [...this.#open.values()];
    this.#open.clear();
    await Promise.all(entries.map((entry) => closeScan(entry.scan)));
  }

  #closeUnused(): void {
    const unused = [...this.#open].filter(([, entry]) => entry.users === 0);
    const excess = Math.max(0, unused.length - this.maxIdle);
    for (const [key, entry] of unused.slice(0, excess)) {
      this.#open.delete(key);
      void closeScan(entry.scan);
    }
  }

  async #load(copyId: string, revision: number): Promise<OpenedScan> {
    const row = await this.store.db.scans.get(copyId);
    if (row?.revision !== revision) {
      throw new Error(
        `Scan revision ${revision} of copy ${copyId} is not stored: OCR waits for its download.`,
      );
    }
    const blob = await this.store.scans.loadScan(copyId);
    if (blob === null) {
      throw new Error(`Scan of copy ${copyId} is not stored.`);
    }
    this.logger.debug('OCR opened scan', { copyId, revision });
    // pdf.js loads on demand, as in the viewer, so it stays out of the
    // app's first bundle.
    const { openScan } = await import('../viewer/pdf-document');
    return openScan(await blob.arrayBuffer(), OPEN_SCAN_TIMEOUT_MS);
  }
}

async function closeScan(scan: Promise<OpenedScan>): Promise<void> {
  try {
    await (await scan).close();
  } catch {
    // A scan that failed to open has nothing to close.
  }
}
