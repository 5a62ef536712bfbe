/**
 * The sync engine: pushes the outbox, then pulls the changes feed, and
 * schedules the next run. A run starts after an edit (debounced), when the
 * network returns, on an interval, at start and on request. A failed run
 * is retried with capped exponential backoff and jitter; a failed request,
 * not `navigator.onLine`, is what counts as offline.
 *
 * The engine keeps only its own progress in memory. What is pending lives
 * in the outbox, so a restart loses nothing and the screens count it with
 * live queries (see `sync-backlog.ts`).
 */
import {
  ApiError,
  isAbortError,
  NetworkError,
  SignInRequiredError,
} from '../api/errors';
import { backoffDelay, type BackoffOptions } from '../download/backoff';
import { SILENT_LOGGER, type Logger } from '../download/logger';
import type { CopydeskDatabase } from '../store/database';
import type { GradeStore } from '../store/grades';
import { isPushable, readOutbox } from '../store/outbox';
import type { ServerGradeStore } from '../store/server-grades';
import { pullChanges, type PullSummary } from './pull-changes';
import { downloadServerGrades } from './server-grade-download';
import { pushGrades, type PushOutcome } from './push-grade';
import { withRequestTimeout, type SyncApi } from './request-timeout';

export type { SyncApi } from './request-timeout';

/** The `kv` key of the time of the last run that pushed and pulled everything. */
export const LAST_SYNC_KEY = 'last-sync-at';

export interface SyncEngineOptions {
  db: CopydeskDatabase;
  grades: Pick<GradeStore, 'readGrade' | 'decryptGrade'>;
  serverGrades: ServerGradeStore;
  /** The API client of the current server, or null before one is set. */
  getApi: () => SyncApi | null;
  /** Id of the signed-in grader, or null when no grader is signed in. */
  getGraderId: () => string | null;
  /** The renderer's logger named `sync`. */
  logger?: Logger;
  /** Delays between failed runs; 2 s doubling up to 2 min by default. */
  backoff?: BackoffOptions;
  /** Time between runs when nothing else starts one; 60 s by default. */
  intervalMs?: number;
  /** Wait after an edit before a run, so typing sends one request; 1.5 s by default. */
  debounceMs?: number;
  /** Pushes sent at the same time; 4 by default. */
  concurrency?: number;
  /**
   * Maximum wait for one response, after which the run counts as offline;
   * 30 s by default.
   */
  requestTimeoutMs?: number;
  random?: () => number;
  now?: () => Date;
  /** Called after every run, with what it did. */
  onRun?: (result: SyncRunResult) => void;
}

/**
 * `idle`: the last run succeeded, or none ran yet. `offline`: the last run
 * got no response. `sign-in-required`: the server rejected the sign-in, so
 * nothing is sent until the examiner signs in again. `failing`: the server
 * responded with an error a retry may fix (5xx, 429).
 */
export type SyncPhase =
  'idle' | 'syncing' | 'offline' | 'sign-in-required' | 'failing';

export interface SyncStatus {
  phase: SyncPhase;
  /** End of the last run that pushed and pulled everything it could. */
  lastSuccessAt: Date | null;
  /** Technical reason of the last failed run, for the log and details. */
  lastError: string | null;
  /** Failed runs in a row. */
  failures: number;
  /** When the next retry starts, while one is scheduled. */
  nextRetryAt: Date | null;
}

/** The reason a run stopped before the end. */
export type SyncStop =
  'not-signed-in' | 'offline' | 'sign-in-required' | 'server-error';

export interface SyncRunResult {
  /** Grades the server stored in this run. */
  pushed: number;
  /** Entries parked in this run (conflict, invalid, locked, withdrawn). */
  parked: number;
  pull: PullSummary | null;
  /** Grades read from the server for copies without one here. */
  gradesRead: number;
  stoppedBy: SyncStop | null;
}

const DEFAULT_BACKOFF: BackoffOptions = {
  initialDelayMs: 2_000,
  maxDelayMs: 120_000,
};

// Entries edited during a run are pushed in the same run; past this many
// passes the next run takes the rest, so constant typing cannot hold a run.
const MAX_PUSH_PASSES = 5;

export class SyncEngine {
  private status: SyncStatus = {
    phase: 'idle',
    lastSuccessAt: null,
    lastError: null,
    failures: 0,
    nextRetryAt: null,
  };
  private readonly listeners = new Set<() => void>();
  private readonly logger: Logger;
  private running: Promise<SyncRunResult> | null = null;
  private runAgain = false;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private intervalTimer: ReturnType<typeof setInterval> | null = null;
  private stopped = true;

  constructor(private readonly options: SyncEngineOptions) {
    this.logger = options.logger ?? SILENT_LOGGER;
  }

  getStatus = (): SyncStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Starts the interval and a first run, after reading the time of the last
   * successful sync from the store.
   */
  async start(): Promise<void> {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;

    const stored = await this.options.db.kv.get(LAST_SYNC_KEY);
    if (typeof stored?.value === 'string') {
      this.update({ lastSuccessAt: new Date(stored.value) });
    }

    this.intervalTimer = setInterval(() => {
      if (this.status.phase !== 'sign-in-required') {
        this.requestSync('interval');
      }
    }, this.options.intervalMs ?? 60_000);
    this.requestSync('start');
  }

  /** Stops the timers; a run in flight finishes. */
  stop(): void {
    this.stopped = true;
    this.clearTimer('debounce');
    this.clearTimer('retry');
    if (this.intervalTimer !== null) {
      clearInterval(this.intervalTimer);
      this.intervalTimer = null;
    }
  }

  /**
   * Asks for a run. After an edit it waits `debounceMs` for more edits;
   * for any other reason it starts at once, or right after the run in
   * flight. A scheduled retry is replaced.
   */
  requestSync(
    reason: 'edit' | 'start' | 'interval' | 'network' | 'sign-in',
  ): void {
    if (this.stopped) {
      return;
    }
    if (reason === 'edit') {
      this.clearTimer('debounce');
      this.debounceTimer = setTimeout(() => {
        this.debounceTimer = null;
        this.trigger(reason);
      }, this.options.debounceMs ?? 1_500);
      return;
    }
    this.trigger(reason);
  }

  /**
   * Runs now, after the run in flight if any, and returns what it did.
   * Works whether or not the engine is started.
   */
  async syncNow(): Promise<SyncRunResult> {
    this.clearTimer('debounce');
    this.clearTimer('retry');
    if (this.running !== null) {
      await this.running.catch(() => undefined);
    }
    return this.runOnce('sync now');
  }

  private trigger(reason: string): void {
    this.clearTimer('retry');
    if (this.running !== null) {
      this.runAgain = true;
      return;
    }
    void this.runOnce(reason);
  }

  private async runOnce(reason: string): Promise<SyncRunResult> {
    // Another caller waiting on the same run may start the next one first,
    // so the check repeats after each wait. Two runs at once would push one
    // copy twice.
    while (this.running !== null) {
      await this.running.catch(() => undefined);
    }
    const run = this.run(reason).finally(() => {
      this.running = null;
      if (this.runAgain && !this.stopped) {
        this.runAgain = false;
        this.trigger('edit during a run');
      }
    });
    this.running = run;
    return run;
  }

  private async run(reason: string): Promise<SyncRunResult> {
    const client = this.options.getApi();
    const graderId = this.options.getGraderId();
    const result: SyncRunResult = {
      pushed: 0,
      parked: 0,
      pull: null,
      gradesRead: 0,
      stoppedBy: null,
    };
    if (client === null || graderId === null) {
      result.stoppedBy = 'not-signed-in';
      return result;
    }
    const api = withRequestTimeout(
      client,
      this.options.requestTimeoutMs ?? 30_000,
    );

    this.update({ phase: 'syncing', nextRetryAt: null });
    this.logger.debug('sync run started', { reason });
    try {
      await this.pushAll(api, graderId, result);
      result.pull = await pullChanges({
        db: this.options.db,
        grades: this.options.grades,
        serverGrades: this.options.serverGrades,
        api,
        logger: this.logger,
        now: this.options.now,
      });
      result.gradesRead = await downloadServerGrades({
        db: this.options.db,
        api,
        serverGrades: this.options.serverGrades,
        graderId,
      });
      await this.recordSuccess(result);
    } catch (error) {
      this.recordFailure(error, result);
    }

    this.options.onRun?.(result);
    return result;
  }

  /**
   * Pushes every pushable entry, `concurrency` at a time, then the entries
   * that edits made meanwhile. The first failure that is not about one
   * entry (no network, sign-in, server error) stops the other workers and
   * is raised.
   */
  private async pushAll(
    api: SyncApi,
    graderId: string,
    result: SyncRunResult,
  ): Promise<void> {
    const context = {
      db: this.options.db,
      grades: this.options.grades,
      serverGrades: this.options.serverGrades,
      api,
      graderId,
      now: this.options.now,
    };

    for (let pass = 0; pass < MAX_PUSH_PASSES; pass += 1) {
      // The first pass takes every pushable entry; later ones take the
      // entries not sent since, which edits or a renewed key made.
      const queue = (await readOutbox(this.options.db))
        .filter(isPushable)
        .filter((entry) => pass === 0 || entry.sentAt === null)
        .map((entry) => entry.copyId);
      if (queue.length === 0) {
        return;
      }

      await pushGrades(context, queue, {
        concurrency: this.options.concurrency ?? 4,
        onOutcome: (copyId, outcome) =>
          this.countOutcome(copyId, outcome, result),
      });
    }
  }

  private countOutcome(
    copyId: string,
    outcome: PushOutcome,
    result: SyncRunResult,
  ): void {
    if (outcome.kind === 'stored') {
      result.pushed += 1;
      this.logger.debug('grade pushed', { copyId, version: outcome.version });
    } else if (outcome.kind === 'parked') {
      result.parked += 1;
      this.logger.warn('grade push parked', {
        copyId,
        reason: outcome.reason,
        status: outcome.status,
      });
    } else if (outcome.kind === 'retry') {
      this.logger.info('grade push retried at once', {
        copyId,
        why: outcome.why,
      });
    }
  }

  private async recordSuccess(result: SyncRunResult): Promise<void> {
    const now = (this.options.now ?? (() => new Date()))();
    await this.options.db.kv.put({
      key: LAST_SYNC_KEY,
      value: now.toISOString(),
    });
    if (result.pushed > 0 || result.parked > 0 || this.status.failures > 0) {
      this.logger.info('sync run ended', {
        pushed: result.pushed,
        parked: result.parked,
        changes: result.pull?.changes ?? 0,
        afterFailures: this.status.failures,
      });
    }
    this.update({
      phase: 'idle',
      lastSuccessAt: now,
      lastError: null,
      failures: 0,
      nextRetryAt: null,
    });
  }

  private recordFailure(error: unknown, result: SyncRunResult): void {
    const failures = this.status.failures + 1;
    const message = describe(error);

    if (error instanceof SignInRequiredError) {
      result.stoppedBy = 'sign-in-required';
      this.logger.warn('sync stopped: sign-in required', { error: message });
      this.update({ phase: 'sign-in-required', lastError: message, failures });
      return;
    }

    const offline = error instanceof NetworkError || isAbortError(error);
    result.stoppedBy = offline ? 'offline' : 'server-error';
    let delay = backoffDelay(
      Math.min(failures, 30),
      this.options.backoff ?? DEFAULT_BACKOFF,
      this.options.random,
    );
    if (error instanceof ApiError && error.retryAfterSeconds !== null) {
      delay = Math.max(delay, error.retryAfterSeconds * 1000);
    }

    const fields = {
      attempt: failures,
      delayMs: delay,
      status: error instanceof ApiError ? error.status : null,
      error: message,
    };
    if (offline) {
      this.logger.warn('sync run got no response, retrying', fields);
    } else if (error instanceof ApiError) {
      this.logger.warn('sync run failed, retrying', fields);
    } else {
      this.logger.error('sync run failed unexpectedly, retrying', fields);
    }

    this.update({
      phase: offline ? 'offline' : 'failing',
      lastError: message,
      failures,
      nextRetryAt: this.scheduleRetry(delay),
    });
  }

  private scheduleRetry(delay: number): Date | null {
    this.clearTimer('retry');
    if (this.stopped) {
      return null;
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.trigger('retry');
    }, delay);
    const now = (this.options.now ?? (() => new Date()))();
    return new Date(now.getTime() + delay);
  }

  private clearTimer(which: 'debounce' | 'retry'): void {
    if (which === 'debounce' && this.debounceTimer !== null) {
      clearTimeout(this.debounceTimer);
      this.debounceTimer = null;
    }
    if (which === 'retry' && this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  private update(changes: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...changes };
    for (const listener of this.listeners) {
      listener();
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}
