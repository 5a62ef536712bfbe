import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { withdrawCopy } from '../../../../server/admin/copy-admin';
import { MESSAGES } from '../../../../renderer/core/download/messages';
import { MemoryScanStore } from '../../../support/memory-scan-store';
import { testDialects } from '../../../support/test-database';
import { startTestServer, type TestServer } from '../../../support/test-server';
import {
  createEngine,
  expectStoredAsImported,
  scanRequests,
  signInClient,
} from './download-setup';

const SQLITE = testDialects().filter(({ dialect }) => dialect === 'sqlite');

for (const { dialect } of SQLITE) {
  describe(`batch download (${dialect})`, () => {
    let server: TestServer;

    beforeEach(async () => {
      server = await startTestServer(dialect, { copiesPerBatch: 6 });
    });

    afterEach(async () => {
      await server.close();
    });

    it('downloads every copy of a batch', async () => {
      const client = await signInClient(server.url);
      const store = new MemoryScanStore();
      const { engine, events } = createEngine({ api: client.api, store });
      const copyIds = client.batch.copies.map((copy) => copy.id);

      const result = await engine.downloadBatch(client.batch.batch.id);

      expect(result.outcome).toBe('completed');
      expect(result.stopReason).toBeNull();
      expect(result.progress.copiesDone).toBe(6);
      expect(result.progress.copiesTotal).toBe(6);
      expect(result.progress.bytesDone).toBe(result.progress.bytesTotal);
      expect(result.progress.copies.map((copy) => copy.state)).toEqual(
        Array(6).fill('stored'),
      );
      await expectStoredAsImported(server, store, copyIds, client.batch);

      const seen = new Set(
        events.flatMap((event) => event.copies.map((copy) => copy.state)),
      );
      expect([...seen].sort()).toEqual(
        ['downloading', 'queued', 'stored', 'verifying'].sort(),
      );
      const done = events.map((event) => event.copiesDone);
      expect(done).toEqual([...done].sort((a, b) => a - b));
    });

    it('second run downloads nothing again', async () => {
      const client = await signInClient(server.url);
      const store = new MemoryScanStore();
      const { engine } = createEngine({ api: client.api, store });
      await engine.download(client.batch.copies);
      const requestsBefore = scanRequests(client.requests).length;

      const result = await engine.download(client.batch.copies);

      expect(result.progress.copiesDone).toBe(6);
      expect(scanRequests(client.requests)).toHaveLength(requestsBefore);
    });

    it('runs at most the set concurrency', async () => {
      const client = await signInClient(server.url);
      const { engine, events } = createEngine({
        api: client.api,
        store: new MemoryScanStore(),
        concurrency: 2,
      });

      await engine.download(client.batch.copies);

      const busiest = Math.max(
        ...events.map(
          (event) =>
            event.copies.filter(
              (copy) =>
                copy.state === 'downloading' || copy.state === 'verifying',
            ).length,
        ),
      );
      expect(busiest).toBe(2);
    });

    it('withdrawn copy ends as withdrawn', async () => {
      const client = await signInClient(server.url);
      const withdrawn = client.batch.copies[2]!;
      await withdrawCopy(server.handle, { copy: withdrawn.id });
      const store = new MemoryScanStore();
      const { engine } = createEngine({ api: client.api, store });

      const result = await engine.download(client.batch.copies);

      const states = new Map(
        result.progress.copies.map((copy) => [copy.copyId, copy.state]),
      );
      expect(result.outcome).toBe('completed');
      expect(states.get(withdrawn.id)).toBe('withdrawn');
      expect(store.withdrawn).toEqual(new Set([withdrawn.id]));
      expect(store.scans.has(withdrawn.id)).toBe(false);
      expect(result.progress.copiesTotal).toBe(5);
      expect(result.progress.copiesDone).toBe(5);
      expect(result.progress.bytesTotal).toBe(
        client.batch.copies
          .filter((copy) => copy.id !== withdrawn.id)
          .reduce((sum, copy) => sum + copy.scan.size, 0),
      );
      const others = client.batch.copies
        .map((copy) => copy.id)
        .filter((id) => id !== withdrawn.id);
      await expectStoredAsImported(server, store, others, client.batch);
    });

    it('SHA-256 mismatch downloads again then fails', async () => {
      const corrupted = (await signInClient(server.url)).batch.copies[1]!;
      await server.handle.db
        .updateTable('copies')
        .set({ sha256: 'f'.repeat(64) })
        .where('id', '=', corrupted.id)
        .execute();
      const client = await signInClient(server.url);
      const store = new MemoryScanStore();
      const { engine } = createEngine({ api: client.api, store });

      const result = await engine.download(client.batch.copies);

      const failed = result.progress.copies.find(
        (copy) => copy.copyId === corrupted.id,
      );
      expect(result.outcome).toBe('completed');
      expect(failed?.state).toBe('failed');
      expect(failed?.failure).toEqual(MESSAGES.checksumMismatch);
      expect(failed?.failure?.fr).toMatch(/ne correspond pas/);
      expect(scanRequests(client.requests, corrupted.id)).toHaveLength(2);
      expect(store.scans.has(corrupted.id)).toBe(false);
      expect(store.partials.has(corrupted.id)).toBe(false);
      expect(result.progress.copiesDone).toBe(5);
    });

    it('If-Range mismatch restarts from zero', async () => {
      const client = await signInClient(server.url);
      const copy = client.batch.copies[0]!;
      const store = new MemoryScanStore();
      await store.savePartial(
        copy.id,
        copy.scan.sha256,
        new Uint8Array(100).fill(7),
      );
      // The server's ETag no longer matches If-Range, so it sends the whole
      // scan with 200, as it would after a rescan.
      await server.handle.db
        .updateTable('copies')
        .set({ sha256: 'e'.repeat(64) })
        .where('id', '=', copy.id)
        .execute();
      const { engine } = createEngine({ api: client.api, store });

      const result = await engine.download([copy]);

      expect(result.progress.copies[0]?.state).toBe('stored');
      const requests = scanRequests(client.requests, copy.id);
      expect(requests).toHaveLength(1);
      expect(requests[0]?.headers.range).toBe('bytes=100-');
      expect(store.calls).toContain(`deletePartial ${copy.id}`);
      await expectStoredAsImported(server, store, [copy.id], client.batch);
    });

    it('corrupt partial is downloaded again', async () => {
      const client = await signInClient(server.url);
      const copy = client.batch.copies[0]!;
      const store = new MemoryScanStore();
      await store.savePartial(
        copy.id,
        copy.scan.sha256,
        new Uint8Array(100).fill(7),
      );
      const { engine } = createEngine({ api: client.api, store });

      const result = await engine.download([copy]);

      expect(result.progress.copies[0]?.state).toBe('stored');
      const requests = scanRequests(client.requests, copy.id);
      expect(requests.map((request) => request.headers.range)).toEqual([
        'bytes=100-',
        undefined,
      ]);
      await expectStoredAsImported(server, store, [copy.id], client.batch);
    });

    it('stored partial resumes and verifies', async () => {
      const client = await signInClient(server.url);
      const copy = client.batch.copies[0]!;
      const imported = server.importedPdfs.get(copy.anonymousCode)!;
      const store = new MemoryScanStore();
      const storedPartial = new Uint8Array(imported.subarray(0, 1000));
      await store.savePartial(copy.id, copy.scan.sha256, storedPartial);
      const { engine } = createEngine({ api: client.api, store });

      const result = await engine.download([copy]);

      expect(result.progress.copies[0]?.state).toBe('stored');
      const requests = scanRequests(client.requests, copy.id);
      expect(requests.map((request) => request.headers.range)).toEqual([
        'bytes=1000-',
      ]);
      expect(store.partials.has(copy.id)).toBe(false);
      await expectStoredAsImported(server, store, [copy.id], client.batch);
    });

    it('partial saves join the stored partial', async () => {
      const client = await signInClient(server.url);
      const copy = client.batch.copies[0]!;
      const imported = server.importedPdfs.get(copy.anonymousCode)!;
      const store = new MemoryScanStore();
      const storedPartial = new Uint8Array(imported.subarray(0, 1000));
      await store.savePartial(copy.id, copy.scan.sha256, storedPartial);
      const saved: Buffer[] = [];
      const savePartial = store.savePartial.bind(store);
      store.savePartial = async (copyId, sha256, bytes) => {
        saved.push(Buffer.from(bytes));
        await savePartial(copyId, sha256, bytes);
      };
      const { engine } = createEngine({
        api: client.api,
        store,
        partialSaveBytes: 1,
      });

      const result = await engine.download([copy]);

      expect(result.progress.copies[0]?.state).toBe('stored');
      expect(saved.length).toBeGreaterThan(0);
      for (const bytes of saved) {
        expect(bytes.length).toBeGreaterThan(1000);
        expect(bytes.equals(imported.subarray(0, bytes.length))).toBe(true);
      }
      await expectStoredAsImported(server, store, [copy.id], client.batch);
    });

    it('expired access token is refreshed', async () => {
      const client = await signInClient(server.url);
      const firstAccessToken = client.tokens.getAccessToken();
      const firstRefreshToken = await client.tokens.getRefreshToken();
      let expired = false;
      const store = new MemoryScanStore({
        afterSaveScan: async () => {
          if (expired) {
            return;
          }
          expired = true;
          await server.handle.db
            .updateTable('access_tokens')
            .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
            .execute();
        },
      });
      const { engine } = createEngine({
        api: client.api,
        store,
        concurrency: 1,
      });

      const result = await engine.download(client.batch.copies);

      expect(result.outcome).toBe('completed');
      expect(result.progress.copiesDone).toBe(6);
      const refreshes = client.requests.filter((request) =>
        request.url.endsWith('/auth/refresh'),
      );
      expect(refreshes).toHaveLength(1);
      expect(client.tokens.getAccessToken()).not.toBe(firstAccessToken);
      expect(await client.tokens.getRefreshToken()).not.toBe(firstRefreshToken);
      await expectStoredAsImported(
        server,
        store,
        client.batch.copies.map((copy) => copy.id),
        client.batch,
      );
    });

    it('storage full stops and keeps stored scans', async () => {
      const client = await signInClient(server.url);
      const [first, second] = client.batch.copies;
      const store = new MemoryScanStore({
        quotaBytes: first!.scan.size + second!.scan.size - 1,
      });
      const { engine } = createEngine({
        api: client.api,
        store,
        concurrency: 1,
      });

      const result = await engine.download(client.batch.copies);

      expect(result.outcome).toBe('stopped');
      expect(result.stopReason).toEqual(MESSAGES.storageFull);
      expect(result.stopReason?.fr).toMatch(
        /stockage de cet ordinateur est plein/,
      );
      expect(result.progress.copies.map((copy) => copy.state)).toEqual([
        'stored',
        'queued',
        'queued',
        'queued',
        'queued',
        'queued',
      ]);
      expect([...store.scans.keys()]).toEqual([first!.id]);
      await expectStoredAsImported(server, store, [first!.id], client.batch);
      const failedSave = store.calls.lastIndexOf(`saveScan ${second!.id}`);
      expect(store.calls.slice(failedSave + 1)).toEqual([]);
      expect(scanRequests(client.requests)).toHaveLength(2);
    });

    it('cancel ends with cancelled', async () => {
      const client = await signInClient(server.url);
      const controller = new AbortController();
      const store = new MemoryScanStore({
        afterSaveScan: () => controller.abort(),
      });
      const { engine } = createEngine({
        api: client.api,
        store,
        concurrency: 1,
      });

      const result = await engine.download(client.batch.copies, {
        signal: controller.signal,
      });

      expect(result.outcome).toBe('cancelled');
      expect(result.progress.copiesDone).toBe(1);
      expect(store.scans.size).toBe(1);
    });
  });
}
