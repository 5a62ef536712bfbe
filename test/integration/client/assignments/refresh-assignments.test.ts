import 'fake-indexeddb/auto';

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiClient } from '../../../../renderer/core/api/api-client';
import { NetworkError } from '../../../../renderer/core/api/errors';
import {
  getBatchOverview,
  listBatchOverviews,
} from '../../../../renderer/core/assignments/batch-overview';
import { readChangesCursor } from '../../../../renderer/core/assignments/changes-cursor';
import { refreshAssignments } from '../../../../renderer/core/assignments/refresh-assignments';
import { MemoryKeyProvider } from '../../../../renderer/core/crypto/memory-key-provider';
import {
  createLocalStore,
  type LocalStore,
} from '../../../../renderer/core/store/local-store';
import { rescanCopy, withdrawCopy } from '../../../../server/admin/copy-admin';
import { writeTinyPdf } from '../../../support/fixture-sitting';
import { startTestServer, type TestServer } from '../../../support/test-server';
import {
  createEngine,
  scanRequests,
  signInClient,
  type SignedInClient,
} from '../download/download-setup';

/** Returns a loopback port that was just free and has no listener now. */
async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) =>
    listener.listen(0, '127.0.0.1', resolve),
  );
  const address = listener.address();
  await new Promise((resolve) => listener.close(resolve));
  if (address === null || typeof address === 'string') {
    throw new Error(`Expected a TCP address, got ${String(address)}`);
  }
  return address.port;
}

// The refresh against the real server, together with the download engine
// writing into the same encrypted store: what a refresh keeps and what it
// marks for download again.
describe('assignments refresh with the real server', () => {
  let server: TestServer;
  let client: SignedInClient;
  let store: LocalStore;
  let folder: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: 4 });
    client = await signInClient(server.url);
    store = createLocalStore(new MemoryKeyProvider(), 'assignments-refresh');
    folder = await mkdtemp(join(tmpdir(), 'copydesk-refresh-'));
  });

  afterAll(async () => {
    store?.close();
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const refresh = () => refreshAssignments({ api: client.api, db: store.db });

  async function changesSince(cursor: string): Promise<unknown[]> {
    const response = await fetch(
      `${server.url}/api/v1/changes?since=${encodeURIComponent(cursor)}`,
      {
        headers: {
          authorization: `Bearer ${client.tokens.getAccessToken()}`,
        },
      },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { changes: unknown[] };
    return body.changes;
  }

  it('keeps download states across refreshes', async () => {
    const batchId = client.batch.batch.id;
    const bytesTotal = client.batch.copies.reduce(
      (sum, copy) => sum + copy.scan.size,
      0,
    );

    const first = await refresh();

    expect(first.batches).toBe(1);
    expect(first.copies).toBe(4);
    expect(first.addedCopies).toBe(4);
    const cursor = await readChangesCursor(store.db);
    expect(cursor).toBe(first.cursor);
    expect(await changesSince(first.cursor)).toEqual([]);
    const [before] = await listBatchOverviews(store.db);
    expect(before?.batch.title).toBe('Lot 1');
    expect(before?.schemeTitle).toBe(client.batch.scheme.title);
    expect(before?.copiesTotal).toBe(4);
    expect(before?.copiesStored).toBe(0);
    expect(before?.bytesTotal).toBe(bytesTotal);

    const { engine } = createEngine({ api: client.api, store: store.scans });
    const download = await engine.downloadBatch(batchId);
    expect(download.outcome).toBe('completed');

    const second = await refresh();

    expect(second.addedCopies).toBe(0);
    expect(second.outdatedScans).toBe(0);
    const overview = await getBatchOverview(store.db, batchId);
    expect(overview?.copies.map((entry) => entry.copy.download)).toEqual([
      'stored',
      'stored',
      'stored',
      'stored',
    ]);
    const [after] = await listBatchOverviews(store.db);
    expect(after?.copiesStored).toBe(4);
    expect(after?.bytesStored).toBe(bytesTotal);
  });

  it('marks a rescanned copy for download again', async () => {
    const batchId = client.batch.batch.id;
    const copy = client.batch.copies[0]!;
    const file = join(folder, 'rescan.pdf');
    await writeTinyPdf(file, copy.anonymousCode, 5);
    const rescan = await rescanCopy(
      server.handle,
      server.storage,
      { copy: copy.id },
      file,
    );
    const cursorBefore = await readChangesCursor(store.db);

    const summary = await refresh();

    expect(summary.outdatedScans).toBe(1);
    expect(summary.cursor).not.toBe(cursorBefore);
    const row = await store.db.copies.get(copy.id);
    expect(row?.revision).toBe(2);
    expect(row?.scan.sha256).toBe(rescan.sha256);
    expect(row?.download).toBe('missing');
    expect(row?.storedRevision).toBe(1);
    expect(await store.scans.hasScan(copy.id, rescan.sha256)).toBe(false);
    const old = await store.scans.loadScan(copy.id);
    const oldBytes = Buffer.from(await old!.arrayBuffer());
    expect(oldBytes.equals(server.importedPdfs.get(copy.anonymousCode)!)).toBe(
      true,
    );
    expect((await listBatchOverviews(store.db))[0]?.copiesStored).toBe(3);

    // The engine fetches only the rescanned copy, and the next refresh
    // keeps it stored.
    const requestsBefore = client.requests.length;
    const { engine } = createEngine({ api: client.api, store: store.scans });
    await engine.downloadBatch(batchId);
    const sent = scanRequests(client.requests.slice(requestsBefore));
    expect(sent.map((request) => request.url)).toEqual([
      `${server.url}/api/v1/copies/${copy.id}/scan`,
    ]);
    await refresh();
    const updated = await store.db.copies.get(copy.id);
    expect(updated?.download).toBe('stored');
    expect(updated?.storedRevision).toBe(2);
    expect((await listBatchOverviews(store.db))[0]?.copiesStored).toBe(4);
  });

  it('marks withdrawn copies and batches', async () => {
    const batchId = client.batch.batch.id;
    const copy = client.batch.copies[1]!;
    await store.grades.saveGradeEdit(copy.id, { marks: { q1: 3 } });
    await withdrawCopy(server.handle, { copy: copy.id });

    const summary = await refresh();

    expect(summary.withdrawnCopies).toBe(1);
    const row = await store.db.copies.get(copy.id);
    expect(row?.withdrawnAt).not.toBeNull();
    expect(row?.download).toBe('stored');
    expect((await listBatchOverviews(store.db))[0]?.copiesTotal).toBe(3);

    await server.handle.db
      .updateTable('batches')
      .set({ withdrawn_at: new Date().toISOString() })
      .where('id', '=', batchId)
      .execute();

    const afterBatch = await refresh();

    expect(afterBatch.batches).toBe(0);
    expect(afterBatch.withdrawnBatches).toBe(1);
    const [overview] = await listBatchOverviews(store.db);
    expect(overview?.batch.id).toBe(batchId);
    expect(overview?.withdrawnAt).not.toBeNull();
    expect(overview?.copiesStored).toBe(3);
    expect((await store.grades.readGrade(copy.id))?.marks).toEqual({ q1: 3 });
  });

  it('keeps the store when the server is unreachable', async () => {
    const unreachable = new ApiClient({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      tokens: client.tokens,
    });
    const copiesBefore = await store.db.copies.toArray();
    const cursorBefore = await readChangesCursor(store.db);

    await expect(
      refreshAssignments({ api: unreachable, db: store.db }),
    ).rejects.toBeInstanceOf(NetworkError);

    expect(await store.db.copies.toArray()).toEqual(copiesBefore);
    expect(await readChangesCursor(store.db)).toBe(cursorBefore);
  });
});
