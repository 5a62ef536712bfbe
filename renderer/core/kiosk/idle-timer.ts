/**
 * Calls `onIdle` once no activity was reported for `timeoutMs`. Activity
 * restarts the wait, and after `onIdle` the timer waits for `start` again,
 * so a lock screen shown at idle is not shown twice.
 */
export interface IdleTimerOptions {
  timeoutMs: number;
  onIdle: () => void;
  /** The clock, `Date.now` by default. */
  now?: () => number;
}

/** Shortest time between two timer restarts by activity, so pointer moves stay cheap. */
const ACTIVITY_THROTTLE_MS = 1000;

export class IdleTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastRestartAt = 0;
  private readonly now: () => number;

  constructor(private readonly options: IdleTimerOptions) {
    if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
      throw new RangeError(
        `invalid idle timeout ${options.timeoutMs} ms: it must be a positive number`,
      );
    }
    this.now = options.now ?? Date.now;
  }

  /** Starts or restarts the wait. */
  start(): void {
    this.clear();
    this.lastRestartAt = this.now();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.options.onIdle();
    }, this.options.timeoutMs);
  }

  /**
   * Records keyboard or mouse activity. Ignored while stopped or idle, and
   * within a second of the last restart.
   */
  activity(): void {
    if (this.timer === null) {
      return;
    }
    if (this.now() - this.lastRestartAt < ACTIVITY_THROTTLE_MS) {
      return;
    }
    this.start();
  }

  stop(): void {
    this.clear();
  }

  isRunning(): boolean {
    return this.timer !== null;
  }

  private clear(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }
}
