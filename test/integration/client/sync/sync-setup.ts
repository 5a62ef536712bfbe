/**
 * Common steps of the sync tests. The client core runs as the app wires it
 * (a local store in fake-indexeddb, the API client, the sync engine) and
 * sends its requests through a fault proxy to a real reference server. The
 * checks read what the server stored straight from its database.
 */
import 'fake-indexeddb/auto';

import type { Kysely } from 'kysely';
import { expect } from 'vitest';

import type { Grade } from '../../../../shared/api/schemas';
import {
  ApiClient,
  type ApiClientOptions,
} from '../../../../renderer/core/api/api-client';
import {
  MemoryRefreshTokenVault,
  VaultTokenStore,
} from '../../../../renderer/core/api/token-store';
import { MemoryKeyProvider } from '../../../../renderer/core/crypto/memory-key-provider';
import type {
  GradeChange,
  LocalGrade,
} from '../../../../renderer/core/store/grades';
import {
  createLocalStore,
  type LocalStore,
} from '../../../../renderer/core/store/local-store';
import { contentOf } from '../../../../renderer/core/store/server-grades';
import {
  SyncEngine,
  type SyncEngineOptions,
  type SyncStatus,
} from '../../../../renderer/core/sync/sync-engine';
import { gradeToApi } from '../../../../server/db/to-api';
import type { Database } from '../../../../server/db/tables';
import { PASSWORDS } from '../../../support/fixture-sitting';
import type { Username } from '../../../support/test-server';
import { createRecordingLogger } from '../session/session-setup';

/** Short delays so retries happen within a test's time. */
export const FAST_BACKOFF = { initialDelayMs: 20, maxDelayMs: 200 };

/** A request the API client sent, with the headers that sync relies on. */
export interface SentRequest {
  method: string;
  url: string;
  idempotencyKey: string | null;
  authorization: string | null;
  /** `Date.now()` when it was sent. */
  sentAt: number;
}

/** API client settings a test may change, such as the refresh timeout. */
export type ApiSettings = Partial<Omit<ApiClientOptions, 'baseUrl' | 'tokens'>>;

/** Engine settings a test may change; the rest are as in `SyncClient`. */
export type EngineSettings = Partial<
  Omit<
    SyncEngineOptions,
    'db' | 'grades' | 'serverGrades' | 'getApi' | 'getGraderId'
  >
>;

let databaseNumber = 0;

/**
 * One examiner's app: the local store, tokens, API client and sync engine.
 * `restartApp` replaces all but the stored data, the key and the refresh
 * token, as quitting and opening the app again does.
 */
export class SyncClient {
  store!: LocalStore;
  api!: ApiClient;
  tokens!: VaultTokenStore;
  engine!: SyncEngine;
  /** Every request sent by every instance of the app, in order. */
  readonly requests: SentRequest[] = [];
  readonly logger = createRecordingLogger();
  private readonly keys = new MemoryKeyProvider();
  private readonly vault = new MemoryRefreshTokenVault();

  private constructor(
    private readonly serverUrl: string,
    /** Address the app sends its requests to, such as a fault proxy's. */
    private readonly appUrl: string,
    readonly databaseName: string,
    private readonly username: Username,
    private readonly settings: EngineSettings,
    private readonly apiSettings: ApiSettings,
    public graderId: string,
  ) {}

  /**
   * Signs in at `serverUrl` directly, so sign-in meets no fault, and opens
   * the app over a new local store with its requests going to `appUrl`.
   */
  static async open(
    serverUrl: string,
    appUrl: string,
    options: {
      username?: Username;
      engine?: EngineSettings;
      api?: ApiSettings;
    } = {},
  ): Promise<SyncClient> {
    databaseNumber += 1;
    const client = new SyncClient(
      serverUrl,
      appUrl,
      `sync-test-${process.pid}-${databaseNumber}`,
      options.username ?? 'amartin',
      options.engine ?? {},
      options.api ?? {},
      '',
    );
    client.openApp();
    await client.signInAgain();
    return client;
  }

  /**
   * Signs in again, as the examiner would, at the server directly unless
   * `url` names another address (the server's after a restart).
   */
  async signInAgain(url = this.serverUrl): Promise<void> {
    const direct = new ApiClient({ baseUrl: url, tokens: this.tokens });
    const tokens = await direct.signIn(
      this.username,
      PASSWORDS[this.username],
      'sync test',
    );
    this.graderId = tokens.grader.id;
  }

  /** Saves an edit as the grade editor does, then requests a sync. */
  async edit(copyId: string, change: GradeChange): Promise<LocalGrade> {
    const saved = await this.store.grades.saveGradeEdit(copyId, change);
    this.engine.requestSync('edit');
    return saved;
  }

  /** Quits and opens the app again over the same stored data. */
  async restartApp(): Promise<void> {
    this.engine.stop();
    await this.settle();
    this.store.close();
    this.openApp();
  }

  /** Waits for the engine's run in flight, if any, to end. */
  async settle(): Promise<void> {
    if (this.engine.getStatus().phase === 'syncing') {
      await waitForStatus(this.engine, (status) => status.phase !== 'syncing');
    }
  }

  async close(): Promise<void> {
    this.engine.stop();
    await this.settle();
    this.store.close();
  }

  /** Grade writes sent for `copyId`, in order. */
  gradeWrites(copyId: string): SentRequest[] {
    return this.requests.filter(
      (request) =>
        request.method === 'PUT' &&
        request.url.endsWith(`/copies/${copyId}/grade`),
    );
  }

  private openApp(): void {
    this.store = createLocalStore(this.keys, this.databaseName);
    this.tokens = new VaultTokenStore(this.vault);
    const recordingFetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      this.requests.push({
        method: init?.method ?? 'GET',
        url: String(input),
        idempotencyKey: headers['idempotency-key'] ?? null,
        authorization: headers.authorization ?? null,
        sentAt: Date.now(),
      });
      return fetch(input, init);
    };
    this.api = new ApiClient({
      baseUrl: this.appUrl,
      tokens: this.tokens,
      fetch: recordingFetch as typeof fetch,
      ...this.apiSettings,
    });
    this.engine = new SyncEngine({
      db: this.store.db,
      grades: this.store.grades,
      serverGrades: this.store.serverGrades,
      getApi: () => this.api,
      getGraderId: () => this.graderId,
      logger: this.logger,
      backoff: FAST_BACKOFF,
      // Runs start from the tests; the interval would add runs at random.
      intervalMs: 3_600_000,
      debounceMs: 20,
      ...this.settings,
    });
  }
}

/**
 * Resolves with the engine's status once `test` accepts it, checking the
 * current status first. Rejects after `timeoutMs` with the last status.
 */
export function waitForStatus(
  engine: SyncEngine,
  test: (status: SyncStatus) => boolean,
  timeoutMs = 10_000,
): Promise<SyncStatus> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const status = engine.getStatus();
      if (test(status)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(status);
      }
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `sync status did not match within ${timeoutMs} ms; last status: ${JSON.stringify(engine.getStatus())}`,
        ),
      );
    }, timeoutMs);
    const unsubscribe = engine.subscribe(check);
    check();
  });
}

/** One write the server stored: its idempotency key and the grade it wrote. */
export interface ServerWrite {
  key: string;
  statusCode: number;
  grade: Grade;
}

/** Returns the copy's grade as the server stores it, or null when it has none. */
export async function readServerGrade(
  db: Kysely<Database>,
  copyId: string,
): Promise<Grade | null> {
  const row = await db
    .selectFrom('grades')
    .selectAll()
    .where('copy_id', '=', copyId)
    .executeTakeFirst();
  return row ? gradeToApi(row) : null;
}

/**
 * Returns every write of the copy's grade that the server stored with an
 * idempotency key, oldest version first. The server stores a key in the
 * transaction that writes the grade, so these are exactly the writes.
 */
export async function readServerWrites(
  db: Kysely<Database>,
  copyId: string,
): Promise<ServerWrite[]> {
  const rows = await db.selectFrom('idempotency_keys').selectAll().execute();
  return rows
    .map((row) => ({
      key: row.key,
      statusCode: row.status_code,
      grade: JSON.parse(row.response_body) as Grade,
    }))
    .filter((write) => write.grade.copyId === copyId)
    .sort((a, b) => a.grade.version - b.grade.version);
}

/**
 * Asserts that the server contains the copy's last local edit, at the
 * version the local grade is based on, that every version was written by
 * one distinct key and, when `writes` is given, how many writes there were.
 */
export async function expectServerHoldsLocal(
  db: Kysely<Database>,
  client: SyncClient,
  copyId: string,
  writes?: number,
): Promise<void> {
  const local = await client.store.grades.readGrade(copyId);
  const server = await readServerGrade(db, copyId);
  const stored = await readServerWrites(db, copyId);

  expect(local, `local grade of ${copyId}`).not.toBeNull();
  expect(server, `server grade of ${copyId}`).not.toBeNull();
  expect(contentOf(server!), `server content of ${copyId}`).toEqual(
    contentOf(local!),
  );
  expect(local!.baseVersion, `local base version of ${copyId}`).toBe(
    server!.version,
  );
  expect(
    stored.map((write) => write.grade.version),
    `versions written for ${copyId}`,
  ).toEqual(Array.from({ length: server!.version }, (_, index) => index + 1));
  expect(new Set(stored.map((write) => write.key)).size).toBe(stored.length);
  if (writes !== undefined) {
    expect(server!.version, `writes of ${copyId}`).toBe(writes);
  }
  expect(await client.store.db.outbox.get(copyId)).toBeUndefined();
}

/** Parses the JSON log lines of an in-process test server. */
export function parseServerLogs(chunks: readonly string[]): {
  msg?: string;
  [field: string]: unknown;
}[] {
  return chunks
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { msg?: string });
}
