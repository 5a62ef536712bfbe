import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  NetworkError,
  SignInRequiredError,
} from '../../../../../renderer/core/api/errors';
import { backoffDelay } from '../../../../../renderer/core/download/backoff';
import {
  LAST_SYNC_KEY,
  SyncEngine,
  type SyncEngineOptions,
  type SyncRunResult,
} from '../../../../../renderer/core/sync/sync-engine';
import {
  apiError,
  GRADER_ID,
  openSyncStore,
  StubServer,
  type SyncTestStore,
} from './sync-fixtures';

const START = new Date('2026-06-20T10:00:00.000Z');
const BACKOFF = { initialDelayMs: 2_000, maxDelayMs: 120_000 };
const HOUR = 3_600_000;

// Only the engine's timers and clock are fake: IndexedDB in Node runs on
// setImmediate, which stays real, so the store keeps working.
const FAKED = [
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'Date',
] as const;

describe('SyncEngine scheduling', () => {
  let store: SyncTestStore;
  let server: StubServer;
  let runs: SyncRunResult[];
  let active: number;
  let maxActive: number;
  let engine: SyncEngine | undefined;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: [...FAKED], now: START });
    store = openSyncStore();
    server = new StubServer();
    runs = [];
    active = 0;
    maxActive = 0;
  });

  afterEach(async () => {
    engine?.stop();
    engine = undefined;
    await pump();
    vi.useRealTimers();
    store.db.close();
  });

  function createEngine(options: Partial<SyncEngineOptions> = {}) {
    engine = new SyncEngine({
      db: store.db,
      grades: store.grades,
      serverGrades: store.serverGrades,
      getApi: () => server,
      getGraderId: () => GRADER_ID,
      backoff: BACKOFF,
      intervalMs: HOUR,
      debounceMs: 1_500,
      random: () => 0.5,
      logger: {
        debug: (message) => {
          if (message === 'sync run started') {
            active += 1;
            maxActive = Math.max(maxActive, active);
          }
        },
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      },
      onRun: (result) => {
        active -= 1;
        runs.push(result);
      },
      ...options,
    });
    return engine;
  }

  /** Lets IndexedDB work and zero-delay timers run, without moving the clock. */
  async function pump(turns = 20): Promise<void> {
    for (let turn = 0; turn < turns; turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(0);
    }
  }

  /**
   * Pumps until `condition` holds or 3 s of real time passed: encryption
   * runs on Node's thread pool, so no number of turns is always enough.
   */
  async function pumpUntil(condition: () => boolean): Promise<void> {
    const deadline = performance.now() + 3_000;
    while (!condition() && performance.now() < deadline) {
      await pump(1);
    }
  }

  /** Pumps until `count` runs ended, and fails if more than that did. */
  async function expectRuns(count: number): Promise<void> {
    await pumpUntil(() => runs.length >= count);
    await pump();
    expect(runs).toHaveLength(count);
  }

  /** Pumps until `promise` settles, then returns it. */
  async function finish<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    void promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    await pumpUntil(() => settled);
    return promise;
  }

  /** Moves the clock by `ms`, letting the store work at each timer. */
  async function advance(ms: number): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms);
    await pump();
  }

  function delayUntilRetry(): number {
    const next = engine!.getStatus().nextRetryAt;
    expect(next).not.toBeNull();
    return next!.getTime() - Date.now();
  }

  it('runs once at start and records success', async () => {
    const sync = createEngine();

    await sync.start();
    await expectRuns(1);

    const status = sync.getStatus();
    expect(status.phase).toBe('idle');
    expect(status.lastSuccessAt).toEqual(START);
    expect(status.failures).toBe(0);
    expect((await store.db.kv.get(LAST_SYNC_KEY))?.value).toBe(
      START.toISOString(),
    );
  });

  it('reads the last success at start', async () => {
    const earlier = '2026-06-19T18:30:00.000Z';
    await store.db.kv.put({ key: LAST_SYNC_KEY, value: earlier });
    server.fail('getAssignments', new NetworkError('offline'));
    const sync = createEngine();

    await sync.start();
    await expectRuns(1);

    expect(sync.getStatus().lastSuccessAt).toEqual(new Date(earlier));
    expect(sync.getStatus().phase).toBe('offline');
  });

  it('debounces edits into one run', async () => {
    const sync = createEngine();
    await sync.start();
    await expectRuns(1);

    await store.grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    sync.requestSync('edit');
    await advance(1_000);
    await store.grades.saveGradeEdit('c1', { marks: { q1: 1.5 } });
    sync.requestSync('edit');
    await advance(1_000);
    await store.grades.saveGradeEdit('c1', { marks: { q1: 2 } });
    sync.requestSync('edit');
    await advance(1_499);

    expect(runs).toHaveLength(1);
    expect(server.putCalls()).toEqual([]);

    await advance(1);
    await expectRuns(2);

    expect(runs[1]?.pushed).toBe(1);
    const [put] = server.putCalls();
    expect(put?.body?.marks).toEqual({ q1: 2 });
  });

  it('backs off exponentially with jitter, capped', async () => {
    server.fail(
      'getAssignments',
      ...Array.from({ length: 9 }, () => new NetworkError('offline')),
    );
    const sync = createEngine();
    await sync.start();
    await expectRuns(1);

    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const expected = backoffDelay(attempt, BACKOFF, () => 0.5);
      expect(delayUntilRetry(), `delay after failure ${attempt}`).toBe(
        expected,
      );
      expect(sync.getStatus().failures).toBe(attempt);

      await advance(expected - 1);
      expect(runs, `no retry before ${expected} ms`).toHaveLength(attempt);
      await advance(1);
      await expectRuns(attempt + 1);
    }
    expect(backoffDelay(8, BACKOFF, () => 0.5)).toBe(90_000);
  });

  it('spreads retries with the random jitter', async () => {
    server.fail('getAssignments', new NetworkError('offline'));
    const low = createEngine({ random: () => 0 });
    await low.start();
    await expectRuns(1);

    expect(delayUntilRetry()).toBe(1_000);
    low.stop();

    server.fail('getAssignments', new NetworkError('offline'));
    const high = createEngine({ random: () => 0.999 });
    await high.start();
    await expectRuns(2);

    expect(delayUntilRetry()).toBe(1_999);
  });

  it('retries at once when the network returns', async () => {
    server.fail('getAssignments', apiError(503, { retryAfterSeconds: 600 }));
    const sync = createEngine();
    await sync.start();
    await expectRuns(1);
    expect(delayUntilRetry()).toBe(600_000);

    sync.requestSync('network');
    await expectRuns(2);

    expect(sync.getStatus().phase).toBe('idle');
    expect(sync.getStatus().nextRetryAt).toBeNull();
    await advance(600_000);
    expect(runs).toHaveLength(2);
  });

  it('waits as long as Retry-After asks', async () => {
    server.fail('getAssignments', apiError(503, { retryAfterSeconds: 30 }));
    const sync = createEngine();
    await sync.start();
    await expectRuns(1);

    expect(sync.getStatus().phase).toBe('failing');
    expect(delayUntilRetry()).toBe(30_000);
    await advance(29_999);
    expect(runs).toHaveLength(1);
    await advance(1);
    await expectRuns(2);
    expect(sync.getStatus().phase).toBe('idle');
  });

  it('keeps the backoff when Retry-After is shorter', async () => {
    server.fail('getAssignments', apiError(429, { retryAfterSeconds: 1 }));
    const sync = createEngine();
    await sync.start();
    await expectRuns(1);

    expect(delayUntilRetry()).toBe(1_500);
  });

  it('counts a failed request as offline', async () => {
    server.fail('getAssignments', new NetworkError('connection refused'));
    const sync = createEngine();
    await sync.start();
    await expectRuns(1);

    expect(runs[0]?.stoppedBy).toBe('offline');
    expect(sync.getStatus().phase).toBe('offline');
    expect(sync.getStatus().lastError).toContain('connection refused');
  });

  it('counts a server error as failing', async () => {
    server.fail('getAssignments', apiError(500));
    const sync = createEngine();
    await sync.start();
    await expectRuns(1);

    expect(runs[0]?.stoppedBy).toBe('server-error');
    expect(sync.getStatus().phase).toBe('failing');
  });

  it('stops retrying when sign-in is required', async () => {
    server.fail(
      'getAssignments',
      new SignInRequiredError('The refresh token was revoked'),
    );
    const sync = createEngine({ intervalMs: 60_000 });
    await sync.start();
    await expectRuns(1);

    expect(sync.getStatus().phase).toBe('sign-in-required');
    expect(sync.getStatus().nextRetryAt).toBeNull();
    await advance(10 * 60_000);
    expect(runs).toHaveLength(1);

    sync.requestSync('sign-in');
    await expectRuns(2);
    expect(sync.getStatus().phase).toBe('idle');
  });

  it('runs on the interval while idle', async () => {
    const sync = createEngine({ intervalMs: 60_000 });
    await sync.start();
    await expectRuns(1);

    await advance(59_999);
    expect(runs).toHaveLength(1);
    await advance(1);
    await expectRuns(2);
  });

  it('stop cancels the scheduled retry', async () => {
    server.fail('getAssignments', new NetworkError('offline'));
    const sync = createEngine();
    await sync.start();
    await expectRuns(1);

    sync.stop();
    await advance(HOUR);

    expect(runs).toHaveLength(1);
  });

  it('times out a request with no response', async () => {
    await store.grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    server.beforeWrite = () => new Promise<void>(() => undefined);
    const sync = createEngine({ requestTimeoutMs: 5_000 });
    await sync.start();
    await pumpUntil(() => server.putCalls().length > 0);

    expect(server.putCalls()).toHaveLength(1);
    expect(runs).toHaveLength(0);
    await advance(4_999);
    expect(runs).toHaveLength(0);
    await advance(1);
    await expectRuns(1);

    expect(runs[0]?.stoppedBy).toBe('offline');
    expect(sync.getStatus().lastError).toContain('TimeoutError');
    expect((await store.db.outbox.get('c1'))?.lastError).toContain(
      'TimeoutError',
    );
  });

  it('never overlaps two runs', async () => {
    await store.grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    let release = () => undefined as void;
    server.beforeWrite = () => {
      server.beforeWrite = null;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    const sync = createEngine();

    const requested = [sync.syncNow(), sync.syncNow(), sync.syncNow()];
    await pumpUntil(() => server.putCalls().length > 0);
    sync.requestSync('network');
    sync.requestSync('sign-in');
    requested.push(sync.syncNow());
    await pump();
    release();
    await finish(Promise.all(requested));
    await pump();

    expect(maxActive).toBe(1);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(server.putCalls()).toHaveLength(1);
  });

  it('pushes edits made during a run in the same run', async () => {
    await store.grades.saveGradeEdit('c1', { marks: { q1: 1 } });
    server.beforeWrite = async () => {
      server.beforeWrite = null;
      await store.grades.saveGradeEdit('c1', { marks: { q1: 3 } });
    };
    const sync = createEngine();

    const result = await finish(sync.syncNow());

    expect(result.pushed).toBe(2);
    expect(server.grades.get('c1')?.marks).toEqual({ q1: 3 });
    expect(server.grades.get('c1')?.version).toBe(2);
    expect(await store.db.outbox.count()).toBe(0);
  });

  it('stops without a signed-in grader', async () => {
    const sync = createEngine({ getGraderId: () => null });

    const result = await finish(sync.syncNow());

    expect(result.stoppedBy).toBe('not-signed-in');
    expect(server.calls).toEqual([]);
  });
});
