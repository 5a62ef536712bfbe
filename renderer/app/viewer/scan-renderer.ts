/**
 * The rendered pages of one open scan: the page bitmaps and thumbnails in
 * bounded caches, the render queue that fills them in the viewer's order,
 * and the pages that failed. The viewer reads it while rendering and
 * re-renders when `subscribe` reports a change.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';

import type { Logger } from '../../core/download/logger';
import type { Rotation } from '../../core/pages/page-frame';
import {
  bitmapBytes,
  bitmapKey,
  renderPageBitmap,
  shrinkBitmap,
  type BitmapRequest,
} from './page-bitmap';
import { PageCache, type PageCacheLimits } from './page-cache';
import {
  RenderQueue,
  type RenderJob,
  type RenderPriority,
} from './render-queue';
import { classifyPageError, type PageProblemKind } from './scan-problem';

/**
 * Limits of the page bitmaps: a page fit to a 900 pixel wide column at a
 * pixel ratio of 2 is about 18 MB, so the shown page and its neighbours
 * fit several times over.
 */
export const PAGE_CACHE_LIMITS: PageCacheLimits = {
  maxEntries: 10,
  maxBytes: 128 * 1024 * 1024,
};

/** Limits of the thumbnails, about 0.2 MB each at a pixel ratio of 2. */
export const THUMBNAIL_CACHE_LIMITS: PageCacheLimits = {
  maxEntries: 200,
  maxBytes: 24 * 1024 * 1024,
};

/** A bitmap of a page that may differ in size or rotation from the one wanted. */
export interface PreviewBitmap {
  bitmap: ImageBitmap;
  rotation: Rotation;
}

export interface RenderPlan {
  /** Bitmaps of the pages on screen, the current page first. */
  shown: BitmapRequest[];
  /** Bitmaps of the neighbours, most likely shown next first. */
  ahead: BitmapRequest[];
  /**
   * Bitmaps of the other pages that fit in the cache, rendered after the
   * neighbours so that any page shows at once and its thumbnail comes
   * from it.
   */
  background: BitmapRequest[];
  /** Thumbnails, in page order. */
  thumbnails: BitmapRequest[];
}

export class ScanRenderer {
  private readonly pages = new PageCache<ImageBitmap>(PAGE_CACHE_LIMITS);
  private readonly thumbnails = new PageCache<ImageBitmap>(
    THUMBNAIL_CACHE_LIMITS,
  );
  private readonly failures = new Map<number, PageProblemKind>();
  private readonly queue = new RenderQueue();
  private readonly listeners = new Set<() => void>();
  /** Thumbnail wanted for each page by the latest plan. */
  private wantedThumbnails = new Map<number, BitmapRequest>();
  /** Keys of the page bitmaps the latest plan wants, evicted last. */
  private wantedPages = new Set<string>();
  private version = 0;
  private destroyed = false;

  constructor(
    private readonly document: PDFDocumentProxy,
    private readonly renderTimeoutMs: number,
    private readonly logger: Logger,
  ) {
    this.queue.subscribe(() => this.changed());
  }

  /** Returns whether this renderer renders `document` and is not destroyed. */
  isFor(document: PDFDocumentProxy): boolean {
    return this.document === document && !this.destroyed;
  }

  /** Whether renders are running or waiting. */
  get busy(): boolean {
    return this.queue.busy;
  }

  /** Returns a counter that grows at every change, for `useSyncExternalStore`. */
  getVersion = (): number => this.version;

  /** Calls `listener` at every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Returns the bitmap that `request` names, if rendered. */
  bitmap(request: BitmapRequest): ImageBitmap | undefined {
    return this.pages.get(bitmapKey(request));
  }

  /** Returns the latest bitmap of `page` at any size and rotation. */
  preview(page: number): PreviewBitmap | undefined {
    let rotation: Rotation = 0;
    const bitmap = this.pages.findLatest((key) => {
      const [keyPage, keyRotation] = key.split('/');
      if (keyPage !== String(page)) {
        return false;
      }
      rotation = Number(keyRotation) as Rotation;
      return true;
    });
    return bitmap === undefined ? undefined : { bitmap, rotation };
  }

  /** Returns the thumbnail that `request` names, if rendered. */
  thumbnail(request: BitmapRequest): ImageBitmap | undefined {
    return this.thumbnails.get(bitmapKey(request));
  }

  /** Returns why `page` could not be rendered, if it failed. */
  problem(page: number): PageProblemKind | undefined {
    return this.failures.get(page);
  }

  /** Renders what `plan` lists and is not rendered yet, in its order. */
  plan(plan: RenderPlan): void {
    if (this.destroyed) {
      return;
    }
    this.wantedThumbnails = new Map(
      plan.thumbnails.map((request) => [request.page, request]),
    );
    this.wantedPages = new Set(
      [...plan.shown, ...plan.ahead, ...plan.background].map(bitmapKey),
    );

    const jobs: RenderJob[] = [];
    const addPages = (requests: BitmapRequest[], priority: RenderPriority) => {
      for (const request of requests) {
        const key = bitmapKey(request);
        if (!this.pages.has(key) && !this.failures.has(request.page)) {
          jobs.push(this.pageJob(key, request, priority));
        }
      }
    };
    addPages(plan.shown, 'shown');
    addPages(plan.ahead, 'ahead');
    addPages(plan.background, 'background');
    for (const request of plan.thumbnails) {
      const key = bitmapKey(request);
      if (!this.thumbnails.has(key) && !this.failures.has(request.page)) {
        jobs.push(this.thumbnailJob(key, request));
      }
    }
    this.queue.schedule(jobs);
  }

  /** Cancels every render and closes every bitmap. */
  destroy(): void {
    this.destroyed = true;
    this.queue.dispose();
    this.pages.clear();
    this.thumbnails.clear();
    this.listeners.clear();
  }

  private pageJob(
    key: string,
    request: BitmapRequest,
    priority: RenderPriority,
  ): RenderJob {
    return {
      key: `page ${key}`,
      priority,
      run: async (signal) => {
        const bitmap = await this.render(request, signal);
        if (bitmap === null) {
          return;
        }
        this.pages.set(key, bitmap, bitmapBytes(request), (cached) =>
          this.wantedPages.has(cached),
        );
        this.changed();

        const thumbnail = this.wantedThumbnails.get(request.page);
        const sameTurn = thumbnail?.rotation === request.rotation;
        if (thumbnail !== undefined && sameTurn) {
          await this.storeThumbnail(thumbnail, bitmap);
        }
      },
    };
  }

  private thumbnailJob(key: string, request: BitmapRequest): RenderJob {
    return {
      key: `thumbnail ${key}`,
      priority: 'thumbnail',
      run: async (signal) => {
        if (this.thumbnails.has(key)) {
          return;
        }
        const page = this.preview(request.page);
        if (page !== undefined && page.rotation === request.rotation) {
          await this.storeThumbnail(request, page.bitmap);
          return;
        }

        const bitmap = await this.render(request, signal);
        if (bitmap !== null) {
          this.thumbnails.set(key, bitmap, bitmapBytes(request));
          this.changed();
        }
      },
    };
  }

  /** Renders `request`, or records the failure and returns null. */
  private async render(
    request: BitmapRequest,
    signal: AbortSignal,
  ): Promise<ImageBitmap | null> {
    try {
      const bitmap = await renderPageBitmap(
        this.document,
        request,
        signal,
        this.renderTimeoutMs,
      );
      if (signal.aborted || this.destroyed) {
        bitmap.close();
        return null;
      }
      return bitmap;
    } catch (error) {
      if (signal.aborted || this.destroyed) {
        return null;
      }
      const kind = classifyPageError(error);
      this.failures.set(request.page, kind);
      this.logger.warn('page render failed', {
        page: request.page,
        kind,
        error: error instanceof Error ? error.message : String(error),
      });
      this.changed();
      return null;
    }
  }

  private async storeThumbnail(
    request: BitmapRequest,
    source: ImageBitmap,
  ): Promise<void> {
    const key = bitmapKey(request);
    if (this.thumbnails.has(key)) {
      return;
    }
    const thumbnail = await shrinkBitmap(source, request);
    if (this.destroyed) {
      thumbnail.close();
      return;
    }
    this.thumbnails.set(key, thumbnail, bitmapBytes(request));
    this.changed();
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) {
      listener();
    }
  }
}
