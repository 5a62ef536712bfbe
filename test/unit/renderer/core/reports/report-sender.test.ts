import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ApiClient } from '../../../../../renderer/core/api/api-client';
import {
  MemoryRefreshTokenVault,
  VaultTokenStore,
} from '../../../../../renderer/core/api/token-store';
import type {
  LogFields,
  Logger,
} from '../../../../../renderer/core/download/logger';
import { ReportSender } from '../../../../../renderer/core/reports/report-sender';
import { fileReport } from '../../../../../renderer/core/reports/report-store';
import type { ReportRow } from '../../../../../renderer/core/store/rows';
import { copyRow, openTestStore, type TestStore } from '../store/test-store';

const NOTE = 'Le nom du candidat est visible en haut';

interface SentRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string | undefined;
}

type Responder = (request: SentRequest) => Response | Promise<Response>;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function problem(status: number, detail: string): Response {
  return new Response(
    JSON.stringify({ type: 'urn:test', title: 'Failed', status, detail }),
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

/** Returns 201 for a report request, with a server id made from its copy. */
function created(request: SentRequest): Response {
  const copyId = request.path.split('/')[4];
  const body = JSON.parse(request.body ?? '{}') as Record<string, unknown>;
  return json(201, {
    id: `server-${copyId}`,
    copyId,
    ...body,
    status: 'open',
    createdAt: '2026-06-20T11:00:00.000Z',
  });
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: LogFields) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

describe('ReportSender', () => {
  let store: TestStore;
  let sent: SentRequest[];
  let respond: Responder;
  let tokens: VaultTokenStore;
  let logger: ReturnType<typeof recordingLogger>;
  let sender: ReportSender;

  beforeEach(async () => {
    store = openTestStore();
    await store.db.copies.bulkPut([
      copyRow('c1', { pageCount: 4 }),
      copyRow('c2', { pageCount: 4 }),
      copyRow('c3', { pageCount: 4 }),
    ]);

    sent = [];
    respond = created;
    const fetchStub = async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      const request: SentRequest = {
        method: init?.method ?? 'GET',
        path: new URL(String(input)).pathname,
        authorization: headers.authorization,
        body: init?.body as string | undefined,
      };
      sent.push(request);
      return respond(request);
    };
    tokens = new VaultTokenStore(new MemoryRefreshTokenVault());
    await tokens.saveTokens('access-0', 'refresh-0');
    const api = new ApiClient({
      baseUrl: 'http://127.0.0.1:9',
      tokens,
      fetch: fetchStub as typeof fetch,
    });

    logger = recordingLogger();
    sender = new ReportSender({
      db: store.db,
      getApi: () => api,
      logger,
      now: () => new Date('2026-06-20T12:00:00.000Z'),
    });
  });

  afterEach(async () => {
    await store.db.delete();
  });

  async function file(copyId: string, minute: number): Promise<ReportRow> {
    return fileReport(
      store.db,
      { copyId, kind: 'not-anonymous', pages: [1, 2], note: NOTE },
      new Date(Date.UTC(2026, 5, 20, 10, minute)),
    );
  }

  const reportRequests = () =>
    sent.filter((request) => request.path.endsWith('/reports'));

  it('sends pending reports oldest first', async () => {
    const second = await file('c2', 5);
    const first = await file('c1', 0);

    const result = await sender.flush();

    expect(result).toEqual({
      sent: 2,
      rejected: 0,
      failed: 0,
      stoppedBy: null,
    });
    expect(reportRequests().map((request) => request.path)).toEqual([
      '/api/v1/copies/c1/reports',
      '/api/v1/copies/c2/reports',
    ]);
    expect(JSON.parse(reportRequests()[0]!.body!)).toEqual({
      kind: 'not-anonymous',
      pages: [1, 2],
      note: NOTE,
    });
    expect(await store.db.reports.get(first.id)).toMatchObject({
      state: 'sent',
      serverId: 'server-c1',
      sentAt: '2026-06-20T12:00:00.000Z',
      attempts: 1,
    });
    expect((await store.db.reports.get(second.id))?.serverId).toBe('server-c2');
  });

  it('sends nothing when nothing is pending', async () => {
    const result = await sender.flush();

    expect(result).toEqual({
      sent: 0,
      rejected: 0,
      failed: 0,
      stoppedBy: null,
    });
    expect(sent).toEqual([]);
  });

  it('sends a sent report only once', async () => {
    await file('c1', 0);

    await sender.flush();
    const again = await sender.flush();

    expect(again.sent).toBe(0);
    expect(reportRequests()).toHaveLength(1);
  });

  it('keeps reports pending and stops when offline', async () => {
    const first = await file('c1', 0);
    const second = await file('c2', 1);
    respond = () => {
      throw new TypeError('fetch failed');
    };

    const result = await sender.flush();

    expect(result).toEqual({
      sent: 0,
      rejected: 0,
      failed: 1,
      stoppedBy: 'offline',
    });
    expect(sent).toHaveLength(1);
    const kept = await store.db.reports.get(first.id);
    expect(kept?.state).toBe('pending');
    expect(kept?.attempts).toBe(1);
    expect(kept?.lastError).toContain('fetch failed');
    expect(await store.db.reports.get(second.id)).toMatchObject({
      state: 'pending',
      attempts: 0,
    });
  });

  it('keeps a report pending on a 5xx and goes on', async () => {
    const failing = await file('c1', 0);
    const next = await file('c2', 1);
    respond = (request) =>
      request.path.includes('/c1/')
        ? problem(503, 'database unavailable')
        : created(request);

    const result = await sender.flush();

    expect(result).toEqual({
      sent: 1,
      rejected: 0,
      failed: 1,
      stoppedBy: null,
    });
    const kept = await store.db.reports.get(failing.id);
    expect(kept?.state).toBe('pending');
    expect(kept?.attempts).toBe(1);
    expect(kept?.lastError).toContain('503');
    expect((await store.db.reports.get(next.id))?.state).toBe('sent');
  });

  it('sends a report kept pending on the next flush', async () => {
    const report = await file('c1', 0);
    respond = () => problem(500, 'boom');
    await sender.flush();

    respond = created;
    const result = await sender.flush();

    expect(result.sent).toBe(1);
    expect(await store.db.reports.get(report.id)).toMatchObject({
      state: 'sent',
      attempts: 2,
      lastError: null,
    });
  });

  it.each([
    [404, 'Copy c1 not found'],
    [422, 'pages 4 are out of range: the copy has pages 1 to 3'],
  ])('stops a report on %i with the reason', async (status, detail) => {
    const report = await file('c1', 0);
    const next = await file('c2', 1);
    respond = (request) =>
      request.path.includes('/c1/')
        ? problem(status, detail)
        : created(request);

    const result = await sender.flush();

    expect(result).toEqual({
      sent: 1,
      rejected: 1,
      failed: 0,
      stoppedBy: null,
    });
    expect(await store.db.reports.get(report.id)).toMatchObject({
      state: 'rejected',
      rejection: {
        status,
        detail,
        rejectedAt: '2026-06-20T12:00:00.000Z',
      },
    });
    expect((await store.db.reports.get(next.id))?.state).toBe('sent');

    await sender.flush();
    expect(
      reportRequests().filter((request) => request.path.includes('/c1/')),
    ).toHaveLength(1);
  });

  it('refreshes the token on 401 and sends again', async () => {
    const report = await file('c1', 0);
    respond = (request) => {
      if (request.path === '/api/v1/auth/refresh') {
        return json(200, {
          accessToken: 'access-1',
          refreshToken: 'refresh-1',
          expiresIn: 900,
          grader: { id: 'g1', displayName: 'A. Martin' },
        });
      }
      return request.authorization === 'Bearer access-1'
        ? created(request)
        : problem(401, 'expired');
    };

    const result = await sender.flush();

    expect(result.sent).toBe(1);
    expect(sent.map((request) => request.path)).toEqual([
      '/api/v1/copies/c1/reports',
      '/api/v1/auth/refresh',
      '/api/v1/copies/c1/reports',
    ]);
    expect((await store.db.reports.get(report.id))?.state).toBe('sent');
  });

  it('stops when the sign-in is no longer accepted', async () => {
    const report = await file('c1', 0);
    await file('c2', 1);
    respond = (request) =>
      request.path === '/api/v1/auth/refresh'
        ? problem(401, 'refresh token revoked')
        : problem(401, 'expired');

    const result = await sender.flush();

    expect(result.stoppedBy).toBe('sign-in-required');
    expect(reportRequests()).toHaveLength(1);
    expect(await store.db.reports.get(report.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
    });
  });

  it('stops when no server is set', async () => {
    const report = await file('c1', 0);
    const withoutServer = new ReportSender({
      db: store.db,
      getApi: () => null,
    });

    const result = await withoutServer.flush();

    expect(result.stoppedBy).toBe('no-server');
    expect((await store.db.reports.get(report.id))?.attempts).toBe(0);
  });

  it('runs one flush at a time', async () => {
    await file('c1', 0);
    await file('c2', 1);
    let inFlight = 0;
    let maxInFlight = 0;
    respond = async (request) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return created(request);
    };

    const results = await Promise.all([
      sender.flush(),
      sender.flush(),
      sender.flush(),
    ]);

    expect(maxInFlight).toBe(1);
    expect(reportRequests()).toHaveLength(2);
    expect(results.map((result) => result.sent)).toEqual([2, 0, 0]);
  });

  it('sends a report filed during a run', async () => {
    await file('c1', 0);
    let late: ReportRow | null = null;
    respond = async (request) => {
      if (late === null) {
        late = await file('c3', 2);
        void sender.flush();
      }
      return created(request);
    };

    const first = await sender.flush();
    const followUp = await sender.flush();

    expect(first.sent).toBe(1);
    expect(followUp.sent).toBe(1);
    expect(reportRequests().map((request) => request.path)).toEqual([
      '/api/v1/copies/c1/reports',
      '/api/v1/copies/c3/reports',
    ]);
    expect((await store.db.reports.get(late!.id))?.state).toBe('sent');
  });

  it('logs ids and outcomes but never the note', async () => {
    const ok = await file('c1', 0);
    const rejected = await file('c2', 1);
    respond = (request) =>
      request.path.includes('/c2/')
        ? problem(422, 'pages 2 are out of range')
        : created(request);

    await sender.flush();

    const text = logger.lines.join('\n');
    expect(text).toContain(ok.id);
    expect(text).toContain(rejected.id);
    expect(text).toContain('server-c1');
    expect(text).toContain('scan report rejected');
    expect(text).not.toContain(NOTE);
  });
});
