import 'fake-indexeddb/auto';

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Copy } from '../../../../shared/api/schemas';
import { refreshAssignments } from '../../../../renderer/core/assignments/refresh-assignments';
import { MemoryKeyProvider } from '../../../../renderer/core/crypto/memory-key-provider';
import { MAX_NOTE_LENGTH } from '../../../../renderer/core/reports/report-input';
import { ReportSender } from '../../../../renderer/core/reports/report-sender';
import { fileReport } from '../../../../renderer/core/reports/report-store';
import {
  createLocalStore,
  type LocalStore,
} from '../../../../renderer/core/store/local-store';
import {
  listReports,
  rescanCopy,
  withdrawCopy,
} from '../../../../server/admin/copy-admin';
import { FaultProxy } from '../../../support/fault-proxy';
import { writeTinyPdf } from '../../../support/fixture-sitting';
import { startTestServer, type TestServer } from '../../../support/test-server';
import { signInClient, type SignedInClient } from '../download/download-setup';
import { createRecordingLogger } from '../session/session-setup';

const NOTE = 'Le nom du candidat apparaît en haut de la page';

// Scan reports filed in the local store and sent by the client's sender to
// the real reference server over HTTP, through a proxy that can refuse
// connections as a closed port does.
describe('scan reports sent to the real server', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let client: SignedInClient;
  let store: LocalStore;
  let folder: string;
  let logger: ReturnType<typeof createRecordingLogger>;
  let sender: ReportSender;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: 4 });
    proxy = await FaultProxy.start(server.url);
    client = await signInClient(server.url, proxy.url);
    store = createLocalStore(new MemoryKeyProvider(), 'reports-sending');
    folder = await mkdtemp(join(tmpdir(), 'copydesk-reports-'));
    await refreshAssignments({ api: client.api, db: store.db });

    logger = createRecordingLogger();
    sender = new ReportSender({
      db: store.db,
      getApi: () => client.api,
      logger,
    });
  });

  afterAll(async () => {
    store?.close();
    await proxy?.close();
    await server?.close();
    if (folder !== undefined) {
      await rm(folder, { recursive: true, force: true });
    }
  });

  /** Returns the fixture copy at `index` in amartin's batch. */
  function copyAt(index: number): Copy {
    const copy = client.batch.copies[index];
    if (copy === undefined) {
      throw new Error(`amartin's batch has no copy at index ${index}`);
    }
    return copy;
  }

  async function openReportsOf(copyId: string) {
    const reports = await listReports(server.handle.db);
    return reports.filter((report) => report.copyId === copyId);
  }

  const reportPosts = (copyId: string) =>
    client.requests.filter(
      (request) =>
        request.method === 'POST' &&
        request.url.endsWith(`/copies/${copyId}/reports`),
    );

  it('sends a report filed offline once the server is back', async () => {
    const copy = copyAt(0);
    await proxy.refuseConnections();

    const filed = await fileReport(store.db, {
      copyId: copy.id,
      kind: 'not-anonymous',
      pages: [2, 1],
      note: NOTE,
    });
    const offline = await sender.flush();

    expect(offline.stoppedBy).toBe('offline');
    const pending = await store.db.reports.get(filed.id);
    expect(pending?.state).toBe('pending');
    expect(pending?.attempts).toBe(1);
    expect(pending?.lastError).toContain('got no response');
    expect(await openReportsOf(copy.id)).toEqual([]);

    await proxy.acceptConnections();
    const online = await sender.flush();

    expect(online).toEqual({
      sent: 1,
      rejected: 0,
      failed: 0,
      stoppedBy: null,
    });
    const sent = await store.db.reports.get(filed.id);
    expect(sent?.state).toBe('sent');
    expect(sent?.attempts).toBe(2);
    expect(sent?.sentAt).not.toBeNull();
    const onServer = await openReportsOf(copy.id);
    expect(onServer).toHaveLength(1);
    expect(onServer[0]).toMatchObject({
      id: sent?.serverId,
      anonymousCode: copy.anonymousCode,
      kind: 'not-anonymous',
      pages: [1, 2],
      note: NOTE,
      grader: 'amartin',
    });

    const again = await sender.flush();

    expect(again.sent).toBe(0);
    expect(await openReportsOf(copy.id)).toHaveLength(1);
    const logged = logger.lines
      .map((line) => `${line.message} ${JSON.stringify(line.fields)}`)
      .join('\n');
    expect(logged).toContain(filed.id);
    expect(logged).toContain(sent?.serverId);
    expect(logged).not.toContain(NOTE);
  });

  it('keeps a 422 report with the reason', async () => {
    // The local copy still has 4 pages, but the server's rescan has 2.
    const copy = copyAt(2);
    expect(copy.pageCount).toBe(4);
    const filed = await fileReport(store.db, {
      copyId: copy.id,
      kind: 'unreadable-page',
      pages: [4],
      note: '',
    });
    const file = join(folder, 'two-pages.pdf');
    await writeTinyPdf(file, copy.anonymousCode, 2);
    await rescanCopy(server.handle, server.storage, { copy: copy.id }, file);

    const result = await sender.flush();

    expect(result.rejected).toBe(1);
    const rejected = await store.db.reports.get(filed.id);
    expect(rejected?.state).toBe('rejected');
    expect(rejected?.rejection?.status).toBe(422);
    expect(rejected?.rejection?.detail).toContain('pages 4');
    expect(rejected?.rejection?.detail).toContain('1 to 2');
    expect(await openReportsOf(copy.id)).toEqual([]);

    await sender.flush();

    expect(reportPosts(copy.id)).toHaveLength(1);
  });

  it('keeps a report on a withdrawn copy with the 404', async () => {
    const copy = copyAt(1);
    const filed = await fileReport(store.db, {
      copyId: copy.id,
      kind: 'missing-page',
      pages: [1],
      note: '',
    });
    await withdrawCopy(server.handle, { copy: copy.id });

    const result = await sender.flush();

    expect(result.rejected).toBe(1);
    const rejected = await store.db.reports.get(filed.id);
    expect(rejected?.state).toBe('rejected');
    expect(rejected?.rejection?.status).toBe(404);
    expect(rejected?.rejection?.detail).toContain(copy.id);

    // The refresh records the withdrawal and deletes no report.
    await refreshAssignments({ api: client.api, db: store.db });

    expect((await store.db.copies.get(copy.id))?.withdrawnAt).not.toBeNull();
    expect(await store.db.reports.get(filed.id)).toEqual(rejected);
    await sender.flush();
    expect(reportPosts(copy.id)).toHaveLength(1);
  });

  it('refreshes an expired access token and sends', async () => {
    const copy = copyAt(3);
    const refreshToken = await client.tokens.getRefreshToken();
    await client.tokens.saveTokens('expired-access-token', refreshToken!);
    const filed = await fileReport(store.db, {
      copyId: copy.id,
      kind: 'wrong-copy',
      pages: [1],
      note: '',
    });
    const requestsBefore = client.requests.length;

    const result = await sender.flush();

    expect(result.sent).toBe(1);
    expect((await store.db.reports.get(filed.id))?.state).toBe('sent');
    const paths = client.requests
      .slice(requestsBefore)
      .map((request) => new URL(request.url).pathname);
    expect(paths).toEqual([
      `/api/v1/copies/${copy.id}/reports`,
      '/api/v1/auth/refresh',
      `/api/v1/copies/${copy.id}/reports`,
    ]);
    expect(await openReportsOf(copy.id)).toHaveLength(1);
  });

  it('sends a note of the maximum length in code points', async () => {
    const copy = copyAt(0);
    // Each emoji is one code point and two UTF-16 units.
    const note = '😀'.repeat(MAX_NOTE_LENGTH);
    const filed = await fileReport(store.db, {
      copyId: copy.id,
      kind: 'other',
      pages: [],
      note,
    });

    const result = await sender.flush();

    expect(result.sent).toBe(1);
    expect((await store.db.reports.get(filed.id))?.state).toBe('sent');
  });

  it('sends a report twice when its response is cut', async () => {
    // The known gap without an idempotency key: the server stored the
    // report, the client never saw the response, so it sends it again.
    const copy = copyAt(3);
    const before = (await openReportsOf(copy.id)).length;
    const filed = await fileReport(store.db, {
      copyId: copy.id,
      kind: 'unreadable-page',
      pages: [2],
      note: '',
    });
    proxy.dropOpenConnections();
    proxy.queue({ kind: 'cut-after-response-bytes', bytes: 1 });

    const cut = await sender.flush();

    expect(cut.stoppedBy).toBe('offline');
    expect((await store.db.reports.get(filed.id))?.state).toBe('pending');

    const retried = await sender.flush();

    expect(retried.sent).toBe(1);
    expect(await openReportsOf(copy.id)).toHaveLength(before + 2);
  });
});
