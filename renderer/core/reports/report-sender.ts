/**
 * Sends the scan reports filed offline once the server can be reached.
 *
 * Each pending report is sent oldest first, and the outcome decides what
 * happens to it:
 *
 * - 201: it is marked sent with the server's id.
 * - No response: it stays pending and the run ends, because the next
 *   report would meet the same missing network.
 * - 401 after the API client's token refresh, or a refresh the server
 *   rejected: it stays pending and the run ends until the examiner signs in
 *   again.
 * - 5xx, 408 or 429, or an error that is not an HTTP status: it stays
 *   pending with its attempts and last error, and the run goes on with the
 *   next report.
 * - 404, 422 and other 4xx: resending cannot help, so it is marked rejected
 *   with the server's `detail` and kept. A 404 means the copy is not
 *   assigned any more or was withdrawn. A 422 means an unknown kind, or a
 *   page outside the copy as the server has it, such as after a rescan.
 *
 * Nothing here retries on a timer: the app calls `flush` at start, after
 * filing a report and when the network returns.
 */
import type { ApiClient } from '../api/api-client';
import { ApiError, NetworkError, SignInRequiredError } from '../api/errors';
import { SILENT_LOGGER, type Logger } from '../download/logger';
import type { CopydeskDatabase } from '../store/database';
import type { ReportRow } from '../store/rows';
import {
  markReportRejected,
  markReportSent,
  readPendingReports,
  recordReportFailure,
} from './report-store';

export interface ReportSenderOptions {
  db: CopydeskDatabase;
  /** The API client of the current server, or null before one is set. */
  getApi: () => ApiClient | null;
  /** Receives starts, outcomes and failures with report and copy ids, never note text. */
  logger?: Logger;
  now?: () => Date;
}

/**
 * Why a run ended before it tried every pending report: `offline` when the
 * server did not respond, `sign-in-required` when it no longer accepts the
 * sign-in, `no-server` when no server address is set.
 */
export type FlushStop = 'offline' | 'sign-in-required' | 'no-server';

/** Counts of one run's outcomes. */
export interface FlushResult {
  sent: number;
  rejected: number;
  /** Reports that failed and stay pending for a later run. */
  failed: number;
  /** The reason the run ended early, or null when it tried every pending report. */
  stoppedBy: FlushStop | null;
}

type Outcome = 'sent' | 'rejected' | 'failed' | FlushStop;

export class ReportSender {
  readonly #db: CopydeskDatabase;
  readonly #getApi: () => ApiClient | null;
  readonly #logger: Logger;
  readonly #now: () => Date;
  #current: Promise<FlushResult> | null = null;
  #followUp: Promise<FlushResult> | null = null;

  constructor(options: ReportSenderOptions) {
    this.#db = options.db;
    this.#getApi = options.getApi;
    this.#logger = options.logger ?? SILENT_LOGGER;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Sends every pending report and resolves with what happened. Runs never
   * overlap: a call during a run gets one more run after it, shared by every
   * call made meanwhile, so a report filed during a run is sent too.
   */
  flush(): Promise<FlushResult> {
    // A follow-up stays set until it starts, so a call made after a run
    // settles and before its follow-up starts joins the follow-up instead
    // of starting a second run beside it.
    if (this.#followUp !== null) {
      return this.#followUp;
    }
    if (this.#current === null) {
      return this.#startRun();
    }

    const startNext = () => {
      this.#followUp = null;
      return this.#startRun();
    };
    this.#followUp = this.#current.then(startNext, startNext);
    return this.#followUp;
  }

  #startRun(): Promise<FlushResult> {
    const run = this.#run().finally(() => {
      if (this.#current === run) {
        this.#current = null;
      }
    });
    this.#current = run;
    return run;
  }

  async #run(): Promise<FlushResult> {
    const result: FlushResult = {
      sent: 0,
      rejected: 0,
      failed: 0,
      stoppedBy: null,
    };
    const pending = await readPendingReports(this.#db);
    if (pending.length === 0) {
      return result;
    }

    const api = this.#getApi();
    if (api === null) {
      this.#logger.warn('scan reports not sent: no server address is set', {
        pending: pending.length,
      });
      return { ...result, stoppedBy: 'no-server' };
    }

    this.#logger.info('sending scan reports', { pending: pending.length });
    for (const report of pending) {
      const outcome = await this.#send(api, report);
      if (
        outcome === 'sent' ||
        outcome === 'rejected' ||
        outcome === 'failed'
      ) {
        result[outcome] += 1;
        continue;
      }

      result.failed += 1;
      result.stoppedBy = outcome;
      break;
    }

    this.#logger.info('scan reports run finished', {
      sent: result.sent,
      rejected: result.rejected,
      failed: result.failed,
      left: pending.length - result.sent - result.rejected,
      stoppedBy: result.stoppedBy,
    });
    return result;
  }

  async #send(api: ApiClient, report: ReportRow): Promise<Outcome> {
    const ids = {
      reportId: report.id,
      copyId: report.copyId,
      attempt: report.attempts + 1,
    };
    this.#logger.info('sending scan report', { ...ids, kind: report.kind });

    let serverId: string;
    try {
      const created = await api.postReport(report.copyId, {
        kind: report.kind,
        pages: report.pages,
        note: report.note,
      });
      serverId = created.id;
    } catch (error) {
      return this.#recordFailure(report, error);
    }

    await markReportSent(this.#db, report.id, serverId, this.#now());
    this.#logger.info('scan report sent', { ...ids, serverId });
    return 'sent';
  }

  async #recordFailure(report: ReportRow, error: unknown): Promise<Outcome> {
    const ids = {
      reportId: report.id,
      copyId: report.copyId,
      attempt: report.attempts + 1,
    };
    const message = error instanceof Error ? error.message : String(error);

    if (error instanceof NetworkError) {
      // NOTE: the API takes no idempotency key for reports. A connection cut
      // after the server stored the report and before its response arrived
      // lands here too, so the next run sends the report a second time.
      await recordReportFailure(this.#db, report.id, message);
      this.#logger.warn('scan report not sent: server unreachable', {
        ...ids,
        error: message,
      });
      return 'offline';
    }

    if (
      error instanceof SignInRequiredError ||
      (error instanceof ApiError && error.status === 401)
    ) {
      await recordReportFailure(this.#db, report.id, message);
      this.#logger.warn('scan report not sent: sign-in required', {
        ...ids,
        error: message,
      });
      return 'sign-in-required';
    }

    if (error instanceof ApiError && isFinalRejection(error.status)) {
      await markReportRejected(
        this.#db,
        report.id,
        error.status,
        error.detail,
        this.#now(),
      );
      this.#logger.warn('scan report rejected by the server', {
        ...ids,
        status: error.status,
        detail: error.detail,
      });
      return 'rejected';
    }

    await recordReportFailure(this.#db, report.id, message);
    this.#logger.error('sending scan report failed, kept to retry', {
      ...ids,
      status: error instanceof ApiError ? error.status : null,
      error: message,
    });
    return 'failed';
  }
}

/** Tests whether resending a report that got `status` cannot succeed. */
function isFinalRejection(status: number): boolean {
  return (
    status >= 400 &&
    status < 500 &&
    status !== 401 &&
    status !== 408 &&
    status !== 429
  );
}
