/**
 * The download rate as a moving average over the last few seconds, and the
 * estimate of time left that the progress bar shows.
 */

export interface ThroughputOptions {
  /** Length of the averaging window, milliseconds. */
  windowMs: number;
  /** Shortest span of samples that gives a rate, milliseconds. */
  minSpanMs: number;
}

export const DEFAULT_THROUGHPUT: ThroughputOptions = {
  windowMs: 10_000,
  minSpanMs: 1_000,
};

interface Sample {
  time: number;
  totalBytes: number;
}

export class ThroughputMeter {
  private readonly samples: Sample[] = [];
  private totalBytes = 0;

  constructor(
    private readonly options: ThroughputOptions = DEFAULT_THROUGHPUT,
  ) {}

  /**
   * Records `bytes` received at `time` (milliseconds). Record 0 bytes when
   * the download starts, so the first chunk has a start to be measured from.
   */
  record(bytes: number, time: number): void {
    this.totalBytes += bytes;
    this.samples.push({ time, totalBytes: this.totalBytes });
    this.dropOlderThan(time - this.options.windowMs);
  }

  /**
   * Returns the average rate in bytes per second over the window that ends
   * at `time`, or null while the samples span less than `minSpanMs`.
   */
  bytesPerSecond(time: number): number | null {
    this.dropOlderThan(time - this.options.windowMs);

    const first = this.samples[0];
    if (first === undefined) {
      return null;
    }

    const span = time - first.time;
    if (span < this.options.minSpanMs) {
      return null;
    }
    return ((this.totalBytes - first.totalBytes) * 1000) / span;
  }

  private dropOlderThan(start: number): void {
    // Keep one sample at or before the window's start, so the span covers
    // the whole window instead of starting at the first sample inside it.
    while (this.samples.length > 1 && this.samples[1]!.time <= start) {
      this.samples.shift();
    }
  }
}

/**
 * Returns the estimated seconds left to receive `remainingBytes` at
 * `bytesPerSecond`, rounded up; 0 when nothing remains, and null when the
 * rate is unknown or zero.
 */
export function estimateSecondsLeft(
  remainingBytes: number,
  bytesPerSecond: number | null,
): number | null {
  if (remainingBytes <= 0) {
    return 0;
  }
  if (bytesPerSecond === null || bytesPerSecond <= 0) {
    return null;
  }
  return Math.ceil(remainingBytes / bytesPerSecond);
}
