import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FaultProxy } from '../../../support/fault-proxy';
import { MemoryScanStore } from '../../../support/memory-scan-store';
import { testDialects } from '../../../support/test-database';
import { startTestServer, type TestServer } from '../../../support/test-server';
import {
  createEngine,
  expectStoredAsImported,
  scanRequests,
  signInClient,
  waitForProgress,
} from './download-setup';

const SQLITE = testDialects().filter(({ dialect }) => dialect === 'sqlite');

for (const { dialect } of SQLITE) {
  describe(`download through faults (${dialect})`, () => {
    let server: TestServer;
    let proxy: FaultProxy;

    beforeEach(async () => {
      server = await startTestServer(dialect, { copiesPerBatch: 3 });
      proxy = await FaultProxy.start(server.url);
    });

    afterEach(async () => {
      await proxy.close();
      await server.close();
    });

    function signInThroughProxy() {
      return signInClient(server.url, proxy.url);
    }

    it('cut mid-file resumes with Range', async () => {
      const client = await signInThroughProxy();
      const first = client.batch.copies[0]!;
      const store = new MemoryScanStore();
      const { engine } = createEngine({
        api: client.api,
        store,
        concurrency: 1,
        partialSaveBytes: 256,
      });
      proxy.queue({ kind: 'cut-after-response-bytes', bytes: 900 });

      const result = await engine.download(client.batch.copies);

      expect(result.outcome).toBe('completed');
      expect(result.progress.copiesDone).toBe(3);
      await expectStoredAsImported(
        server,
        store,
        client.batch.copies.map((copy) => copy.id),
        client.batch,
      );

      const cut = proxy.connections[0]!;
      expect(cut.fault.kind).toBe('cut-after-response-bytes');
      expect(cut.responseBytes).toBe(900);

      const [, resumed, extra] = scanRequests(client.requests, first.id);
      expect(extra).toBeUndefined();
      const savedBeforeCut = store.calls.includes(`savePartial ${first.id}`);
      expect(savedBeforeCut).toBe(true);
      expect(resumed?.headers.range).toMatch(/^bytes=[1-9][0-9]*-$/);
      expect(resumed?.headers['if-range']).toBe(`"${first.scan.sha256}"`);
      const resumedFrom = Number(
        /bytes=(\d+)-/.exec(resumed!.headers.range!)![1],
      );
      expect(resumedFrom).toBeLessThan(first.scan.size);
    });

    it('cut before the request retries', async () => {
      const client = await signInThroughProxy();
      const store = new MemoryScanStore();
      const { engine } = createEngine({
        api: client.api,
        store,
        concurrency: 1,
      });
      proxy.queue({ kind: 'cut-before-request' });

      const result = await engine.download(client.batch.copies);

      expect(result.outcome).toBe('completed');
      expect(result.progress.copiesDone).toBe(3);
      expect(scanRequests(client.requests)).toHaveLength(4);
    });

    it('stalled response times out and resumes', async () => {
      const client = await signInThroughProxy();
      const first = client.batch.copies[0]!;
      const store = new MemoryScanStore();
      const { engine } = createEngine({
        api: client.api,
        store,
        concurrency: 1,
        partialSaveBytes: 1,
        idleTimeoutMs: 300,
      });
      proxy.queue({ kind: 'stall-after-response-bytes', bytes: 800 });

      const started = Date.now();
      const result = await engine.download(client.batch.copies);

      expect(result.outcome).toBe('completed');
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      const [, resumed] = scanRequests(client.requests, first.id);
      expect(resumed?.headers.range).toMatch(/^bytes=[1-9][0-9]*-$/);
      await expectStoredAsImported(server, store, [first.id], client.batch);
    });

    it('server unreachable pauses then resumes', async () => {
      const client = await signInThroughProxy();
      const store = new MemoryScanStore();
      const { engine, events } = createEngine({
        api: client.api,
        store,
        failuresBeforeOffline: 2,
      });
      await proxy.refuseConnections();

      const running = engine.download(client.batch.copies);
      await waitForProgress(engine, (progress) => progress.offline);
      const stateWhileOffline = events.at(-1)!;
      await proxy.acceptConnections();
      const result = await running;

      expect(stateWhileOffline.copiesDone).toBe(0);
      expect(result.outcome).toBe('completed');
      expect(result.progress.offline).toBe(false);
      expect(result.progress.copiesDone).toBe(3);
      const offlineChanges = events
        .map((event) => event.offline)
        .filter(
          (offline, index, all) => index === 0 || offline !== all[index - 1],
        );
      expect(offlineChanges).toEqual([false, true, false]);
      await expectStoredAsImported(
        server,
        store,
        client.batch.copies.map((copy) => copy.id),
        client.batch,
      );
    });

    it('online() resumes without waiting', async () => {
      const client = await signInThroughProxy();
      const store = new MemoryScanStore();
      const { engine } = createEngine({
        api: client.api,
        store,
        failuresBeforeOffline: 1,
        backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
      });
      await proxy.refuseConnections();

      const running = engine.download(client.batch.copies);
      await waitForProgress(engine, (progress) => progress.offline);
      await proxy.acceptConnections();
      const resumedAt = Date.now();
      engine.online();
      const result = await running;

      expect(result.outcome).toBe('completed');
      expect(result.progress.copiesDone).toBe(3);
      expect(Date.now() - resumedAt).toBeLessThan(10_000);
    });

    it('cancel while offline ends at once', async () => {
      const client = await signInThroughProxy();
      const { engine } = createEngine({
        api: client.api,
        store: new MemoryScanStore(),
        failuresBeforeOffline: 1,
        backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
      });
      await proxy.refuseConnections();
      const controller = new AbortController();

      const running = engine.download(client.batch.copies, {
        signal: controller.signal,
      });
      await waitForProgress(engine, (progress) => progress.offline);
      controller.abort();
      const result = await running;

      expect(result.outcome).toBe('cancelled');
      expect(result.progress.copiesDone).toBe(0);
      expect(
        result.progress.copies.every((copy) => copy.state === 'queued'),
      ).toBe(true);
    });
  });
}
