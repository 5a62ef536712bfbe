/**
 * Tracks whether the server can be reached. After several network failures
 * in a row the gate closes, and downloads wait at it while a probe request
 * is retried with backoff. It opens again when a probe gets a response or
 * when the caller reports that the network is back.
 */
import { NetworkError } from '../api/errors';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import type { Logger } from './logger';

export interface OfflineGateOptions {
  /** Sends one request; resolves on any response, raises `NetworkError` on none. */
  probe(signal: AbortSignal): Promise<void>;
  /** Network failures in a row after which the gate closes. */
  failuresBeforeOffline: number;
  /** Delays between probes. */
  backoff: BackoffOptions;
  /** Time limit of one probe, milliseconds. */
  probeTimeoutMs: number;
  random: () => number;
  logger: Logger;
  /** Called on every change between online and offline. */
  onChange(offline: boolean): void;
}

export class OfflineGate {
  private consecutiveFailures = 0;
  private offline = false;
  private opened: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;
  private wake = new AbortController();
  private probing: AbortController | null = null;
  private reopenings = 0;

  constructor(private readonly options: OfflineGateOptions) {}

  get isOffline(): boolean {
    return this.offline;
  }

  /** Records a response from the server, which ends a run of failures. */
  reportResponse(): void {
    this.consecutiveFailures = 0;
  }

  /**
   * Number of times the gate has opened again. A request records it when it
   * starts, so a failure of a request sent before the network came back is
   * not taken as a new outage.
   */
  get epoch(): number {
    return this.reopenings;
  }

  /**
   * Records a request that got no response, and closes the gate past the
   * limit. Returns false, counting nothing, when the request started before
   * the gate last opened (`startEpoch` is older than `epoch`).
   */
  reportNetworkFailure(startEpoch: number): boolean {
    if (startEpoch !== this.reopenings) {
      return false;
    }

    this.consecutiveFailures += 1;
    if (
      !this.offline &&
      this.consecutiveFailures >= this.options.failuresBeforeOffline
    ) {
      this.goOffline();
    }
    return true;
  }

  /** Resolves at once when online, else when the gate opens; rejects on abort. */
  waitUntilOnline(signal: AbortSignal): Promise<void> {
    if (!this.offline) {
      return Promise.resolve();
    }
    return raceAbort(this.opened, signal);
  }

  /**
   * Waits `ms` milliseconds before a retry, or less when the network is
   * reported back meanwhile.
   */
  async pause(ms: number, signal: AbortSignal): Promise<void> {
    const wake = this.wake.signal;
    try {
      await sleep(ms, AbortSignal.any([signal, wake]));
    } catch (error) {
      if (signal.aborted || !wake.aborted) {
        throw error;
      }
    }
  }

  /** Opens the gate at once, as when the browser reports `online`. */
  reportOnline(reason: string): void {
    this.wake.abort();
    this.wake = new AbortController();
    if (this.offline) {
      this.goOnline(reason);
    }
  }

  /** Stops probing; for the end of a run. */
  close(): void {
    this.probing?.abort();
    this.probing = null;
  }

  private goOffline(): void {
    this.offline = true;
    this.opened = new Promise((resolve) => {
      this.open = resolve;
    });
    this.options.logger.warn('server unreachable, downloads paused', {
      failures: this.consecutiveFailures,
    });
    this.options.onChange(true);

    this.probing = new AbortController();
    void this.probeUntilReachable(this.probing.signal);
  }

  private goOnline(reason: string): void {
    this.close();
    this.offline = false;
    this.consecutiveFailures = 0;
    this.reopenings += 1;
    this.options.logger.info('server reachable again, downloads resumed', {
      reason,
    });
    this.options.onChange(false);
    this.open();
  }

  private async probeUntilReachable(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt += 1) {
      const delay = backoffDelay(
        attempt,
        this.options.backoff,
        this.options.random,
      );
      try {
        await sleep(delay, signal);
        await this.options.probe(
          AbortSignal.any([
            signal,
            AbortSignal.timeout(this.options.probeTimeoutMs),
          ]),
        );
      } catch (error) {
        if (signal.aborted) {
          return;
        }
        const timedOut = error instanceof DOMException;
        if (!(error instanceof NetworkError) && !timedOut) {
          this.options.logger.error('probe failed unexpectedly', {
            error: String(error),
          });
        }
        this.options.logger.debug('probe got no response', {
          attempt,
          delayMs: delay,
        });
        continue;
      }

      if (!signal.aborted) {
        this.goOnline('probe got a response');
      }
      return;
    }
  }
}

function raceAbort(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) {
    return Promise.reject(signal.reason);
  }

  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, reject);
  });
}
