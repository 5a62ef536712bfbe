import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ThrottledDownload } from '../../../../../renderer/app/components/throttled-download';
import type { BatchDownload } from '../../../../../renderer/app/services/download-manager';
import type { DownloadProgress } from '../../../../../renderer/core/download/progress';

const INTERVAL_MS = 250;

/** Stands in for `DownloadManager`: contains one download per batch and notifies on each change. */
class FakeDownloads {
  readonly downloads = new Map<string, BatchDownload>();
  readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(batchId: string): BatchDownload | null {
    return this.downloads.get(batchId) ?? null;
  }

  set(download: BatchDownload): void {
    this.downloads.set(download.batchId, download);
    for (const listener of this.listeners) {
      listener();
    }
  }
}

function progress(bytesDone: number, offline = false): DownloadProgress {
  return {
    bytesDone,
    bytesTotal: 1000,
    copiesDone: 0,
    copiesTotal: 2,
    copies: [],
    offline,
    bytesPerSecond: null,
    secondsLeft: null,
  };
}

function running(bytesDone: number, offline = false): BatchDownload {
  return {
    batchId: 'b1',
    running: true,
    progress: progress(bytesDone, offline),
    result: null,
    error: null,
  };
}

let downloads: FakeDownloads;
let throttled: ThrottledDownload;
let renders: number;
let unsubscribe: () => void;

beforeEach(() => {
  vi.useFakeTimers();
  downloads = new FakeDownloads();
  throttled = new ThrottledDownload(downloads, 'b1', INTERVAL_MS, () =>
    Date.now(),
  );
  renders = 0;
  unsubscribe = throttled.subscribe(() => {
    renders += 1;
  });
});

afterEach(() => {
  unsubscribe();
  vi.useRealTimers();
});

describe('ThrottledDownload', () => {
  it('shows a started download at once', () => {
    downloads.set(running(0));

    expect(renders).toBe(1);
    expect(throttled.getSnapshot()?.running).toBe(true);
  });

  it('shows progress at most once per interval', () => {
    downloads.set(running(0));
    for (let bytes = 10; bytes <= 100; bytes += 10) {
      downloads.set(running(bytes));
    }

    expect(renders).toBe(1);
    expect(throttled.getSnapshot()?.progress?.bytesDone).toBe(0);

    vi.advanceTimersByTime(INTERVAL_MS);

    expect(renders).toBe(2);
    expect(throttled.getSnapshot()?.progress?.bytesDone).toBe(100);
  });

  it('shows the last progress after a pause', () => {
    downloads.set(running(0));
    downloads.set(running(500));

    vi.advanceTimersByTime(INTERVAL_MS * 4);

    expect(renders).toBe(2);
    expect(throttled.getSnapshot()?.progress?.bytesDone).toBe(500);
  });

  it('shows the end of a run at once', () => {
    downloads.set(running(0));
    downloads.set(running(900));
    const ended: BatchDownload = {
      ...running(1000),
      running: false,
      result: {
        outcome: 'completed',
        stopReason: null,
        progress: progress(1000),
      },
    };

    downloads.set(ended);

    expect(renders).toBe(2);
    expect(throttled.getSnapshot()).toBe(ended);
    vi.advanceTimersByTime(INTERVAL_MS);
    expect(renders).toBe(2);
  });

  it('shows going offline at once', () => {
    downloads.set(running(0));

    downloads.set(running(10, true));

    expect(renders).toBe(2);
    expect(throttled.getSnapshot()?.progress?.offline).toBe(true);
  });

  it('ignores other batches', () => {
    downloads.set({ ...running(0), batchId: 'b2' });

    expect(renders).toBe(0);
    expect(throttled.getSnapshot()).toBeNull();
  });

  it('starts from a download already running', () => {
    downloads.set(running(300));

    const later = new ThrottledDownload(downloads, 'b1', INTERVAL_MS);

    expect(later.getSnapshot()?.progress?.bytesDone).toBe(300);
  });

  it('catches a change made before it subscribed', () => {
    const late = new ThrottledDownload(downloads, 'b1', INTERVAL_MS);
    downloads.set(running(40));
    let lateRenders = 0;

    const stop = late.subscribe(() => {
      lateRenders += 1;
    });

    expect(lateRenders).toBe(1);
    expect(late.getSnapshot()?.progress?.bytesDone).toBe(40);
    stop();
  });

  it('renders nothing after unsubscribing', () => {
    downloads.set(running(0));
    downloads.set(running(50));

    unsubscribe();
    vi.advanceTimersByTime(INTERVAL_MS);

    expect(renders).toBe(1);
  });
});
