/**
 * The download of one batch as the download panel shows it: progress
 * updates pass on at most once per interval, and changes of state pass on
 * at once. The engine already throttles byte progress, but it also reports
 * each copy that starts, is verified and is stored, three events a copy,
 * while a progress bar needs a few updates a second.
 */
import type {
  BatchDownload,
  DownloadManager,
} from '../services/download-manager';

/** Time between two progress renders of the panel, milliseconds. */
export const PANEL_PROGRESS_INTERVAL_MS = 250;

type DownloadSource = Pick<DownloadManager, 'subscribe' | 'get'>;

/**
 * A store for `useSyncExternalStore` that passes on the latest download of
 * one batch no more often than `intervalMs`, unless it started, ended,
 * failed to start or went offline or online.
 */
export class ThrottledDownload {
  readonly #downloads: DownloadSource;
  readonly #batchId: string;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #shownDownload: BatchDownload | null;
  #shownAt = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    downloads: DownloadSource,
    batchId: string,
    intervalMs: number,
    now: () => number = () => performance.now(),
  ) {
    this.#downloads = downloads;
    this.#batchId = batchId;
    this.#intervalMs = intervalMs;
    this.#now = now;
    this.#shownDownload = downloads.get(batchId);
  }

  getSnapshot = (): BatchDownload | null => this.#shownDownload;

  subscribe = (listener: () => void): (() => void) => {
    const show = () => {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#shownDownload = this.#downloads.get(this.#batchId);
      this.#shownAt = this.#now();
      listener();
    };

    const onChange = () => {
      const latest = this.#downloads.get(this.#batchId);
      if (latest === this.#shownDownload) {
        return;
      }

      const waitMs = this.#shownAt + this.#intervalMs - this.#now();
      if (changesState(this.#shownDownload, latest) || waitMs <= 0) {
        show();
      } else if (this.#timer === undefined) {
        this.#timer = setTimeout(show, waitMs);
      }
    };

    const unsubscribe = this.#downloads.subscribe(onChange);
    // A change between the render and this subscription has no event.
    onChange();
    return () => {
      unsubscribe();
      clearTimeout(this.#timer);
      this.#timer = undefined;
    };
  };
}

/** Tests whether the panel must show `next` at once rather than after the interval. */
function changesState(
  shown: BatchDownload | null,
  next: BatchDownload | null,
): boolean {
  if (shown === null || next === null) {
    return true;
  }
  return (
    shown.running !== next.running ||
    shown.result !== next.result ||
    shown.error !== next.error ||
    (shown.progress?.offline ?? false) !== (next.progress?.offline ?? false)
  );
}
