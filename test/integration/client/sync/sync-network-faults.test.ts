import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Copy } from '../../../../shared/api/schemas';
import { FaultProxy } from '../../../support/fault-proxy';
import { testDialects } from '../../../support/test-database';
import { startTestServer, type TestServer } from '../../../support/test-server';
import {
  expectServerHoldsLocal,
  parseServerLogs,
  readServerGrade,
  readServerWrites,
  SyncClient,
  waitForStatus,
  type ApiSettings,
  type EngineSettings,
} from './sync-setup';

const GRADE_WRITE = { method: 'PUT', path: /\/copies\/[^/]+\/grade$/ };

const EDIT = {
  marks: { q1: 3.5, q2: 10.25 },
  comment: 'Bonne introduction, développement inégal.',
};

// Pushes through a proxy that breaks the connection at each point where a
// request can fail, against the real server. After each fault and the
// retries, the server must hold the last local edit, written exactly once.
for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(
    `sync through network faults (${dialect})`,
    () => {
      let server: TestServer;
      let copies: Copy[];
      let nextCopy = 0;
      let proxy: FaultProxy | undefined;
      let client: SyncClient | undefined;

      beforeAll(async () => {
        server = await startTestServer(dialect, { copiesPerBatch: 12 });
        const probe = await SyncClient.open(server.url, server.url);
        const batchId = (await probe.api.getAssignments()).batches[0]!.id;
        copies = (await probe.api.getBatch(batchId)).copies;
        await probe.close();
      });

      afterEach(async () => {
        await client?.close();
        await proxy?.close();
        client = undefined;
        proxy = undefined;
      });

      afterAll(async () => {
        await server?.close();
      });

      /** Opens the app through a new proxy, on a copy no other test uses. */
      async function openApp(
        engine: EngineSettings = {},
        api: ApiSettings = {},
      ) {
        proxy = await FaultProxy.start(server.url);
        client = await SyncClient.open(server.url, proxy.url, { engine, api });
        const copy = copies[nextCopy];
        nextCopy += 1;
        if (copy === undefined) {
          throw new Error('The fixture batch has too few copies for the tests');
        }
        return { proxy, client, copyId: copy.id };
      }

      function logsFor(copyId: string, message: string) {
        return parseServerLogs(server.logs).filter(
          (line) => line.msg === message && line.copyId === copyId,
        );
      }

      it('cut before the request is sent again', async () => {
        const { proxy, client, copyId } = await openApp();
        await client.edit(copyId, EDIT);
        proxy.queueForRequest(GRADE_WRITE, { kind: 'cut-before-request' });

        const failed = await client.engine.syncNow();

        expect(failed.stoppedBy).toBe('offline');
        expect(client.engine.getStatus().phase).toBe('offline');
        expect(await readServerGrade(server.handle.db, copyId)).toBeNull();
        const entry = await client.store.db.outbox.get(copyId);
        expect(entry?.attempts).toBe(1);
        expect(entry?.lastError).toContain('NetworkError');

        const retried = await client.engine.syncNow();

        expect(retried.pushed).toBe(1);
        expect(client.engine.getStatus().phase).toBe('idle');
        await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
        const [first, second] = client.gradeWrites(copyId);
        expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
        expect(logsFor(copyId, 'grade written')).toHaveLength(1);
      });

      it('lost response is replayed, not written twice', async () => {
        const { proxy, client, copyId } = await openApp();
        await client.edit(copyId, EDIT);
        proxy.queueForRequest(GRADE_WRITE, {
          kind: 'cut-after-response-bytes',
          bytes: 0,
        });

        const failed = await client.engine.syncNow();

        expect(failed.stoppedBy).toBe('offline');
        const faulted = proxy.requests.filter(({ fault }) => fault !== null);
        expect(faulted.map(({ method }) => method)).toEqual(['PUT']);
        const committed = await readServerGrade(server.handle.db, copyId);
        expect(committed?.version).toBe(1);
        expect((await client.store.db.outbox.get(copyId))?.sentAt).not.toBe(
          null,
        );

        const retried = await client.engine.syncNow();

        expect(retried.pushed).toBe(1);
        await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
        const sent = client.gradeWrites(copyId);
        expect(sent).toHaveLength(2);
        expect(sent[1]!.idempotencyKey).toBe(sent[0]!.idempotencyKey);
        const [write] = await readServerWrites(server.handle.db, copyId);
        expect(write?.key).toBe(sent[0]!.idempotencyKey);
        expect(logsFor(copyId, 'grade written')).toHaveLength(1);
        expect(logsFor(copyId, 'grade write replayed')).toHaveLength(1);
      });

      it('slow response within the timeout is stored', async () => {
        const { proxy, client, copyId } = await openApp({
          requestTimeoutMs: 5_000,
        });
        await client.edit(copyId, EDIT);
        proxy.queueForRequest(GRADE_WRITE, { kind: 'delay', ms: 400 });

        const started = Date.now();
        const run = await client.engine.syncNow();

        expect(Date.now() - started).toBeGreaterThanOrEqual(400);
        expect(run.pushed).toBe(1);
        expect(run.stoppedBy).toBeNull();
        expect(client.gradeWrites(copyId)).toHaveLength(1);
        await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
      });

      it('response slower than the timeout is sent again', async () => {
        const { proxy, client, copyId } = await openApp({
          requestTimeoutMs: 500,
        });
        await client.edit(copyId, EDIT);
        proxy.queueForRequest(GRADE_WRITE, { kind: 'delay', ms: 5_000 });

        const started = Date.now();
        const failed = await client.engine.syncNow();

        expect(Date.now() - started).toBeLessThan(4_000);
        expect(failed.stoppedBy).toBe('offline');
        expect(client.engine.getStatus().lastError).toContain('TimeoutError');

        const retried = await client.engine.syncNow();

        expect(retried.pushed).toBe(1);
        await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
        expect(logsFor(copyId, 'grade write replayed')).toHaveLength(1);
      });

      it('stalled response times out', async () => {
        const { proxy, client, copyId } = await openApp({
          requestTimeoutMs: 500,
        });
        await client.edit(copyId, EDIT);
        proxy.queueForRequest(GRADE_WRITE, {
          kind: 'stall-after-response-bytes',
          bytes: 40,
        });

        const failed = await client.engine.syncNow();

        expect(failed.stoppedBy).toBe('offline');
        const retried = await client.engine.syncNow();

        expect(retried.pushed).toBe(1);
        await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
      });

      it('stalled token refresh times out', async () => {
        const { proxy, client, copyId } = await openApp(
          { requestTimeoutMs: 2_000 },
          { refreshTimeoutMs: 300 },
        );
        await client.edit(copyId, EDIT);
        const refreshToken = await client.tokens.getRefreshToken();
        await client.tokens.saveTokens('expired-access-token', refreshToken!);
        proxy.queueForRequest(
          { method: 'POST', path: '/api/v1/auth/refresh' },
          { kind: 'stall-before-request' },
        );

        const stalled = await client.engine.syncNow();

        expect(stalled.stoppedBy).toBe('offline');
        expect(client.engine.getStatus().lastError).toContain('/auth/refresh');

        const retried = await client.engine.syncNow();

        expect(retried.pushed).toBe(1);
        await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
      });

      const serverErrors = [
        { status: 500, retryAfter: null, minimumGapMs: 10, maximumGapMs: 900 },
        { status: 503, retryAfter: null, minimumGapMs: 10, maximumGapMs: 900 },
        {
          status: 503,
          retryAfter: '1',
          minimumGapMs: 1_000,
          maximumGapMs: 5_000,
        },
      ];
      for (const {
        status,
        retryAfter,
        minimumGapMs,
        maximumGapMs,
      } of serverErrors) {
        const name = `${status} ${retryAfter === null ? 'without' : 'with'} Retry-After is retried`;
        it(name, async () => {
          const { proxy, client, copyId } = await openApp();
          await client.store.grades.saveGradeEdit(copyId, EDIT);
          proxy.queueForRequest(GRADE_WRITE, {
            kind: 'respond',
            status,
            headers: retryAfter === null ? {} : { 'retry-after': retryAfter },
          });

          await client.engine.start();
          const failing = await waitForStatus(
            client.engine,
            (current) => current.phase === 'failing',
          );
          await waitForStatus(
            client.engine,
            (current) => current.phase === 'idle' && current.failures === 0,
          );

          expect(failing.failures).toBe(1);
          expect(failing.lastError).toContain(`failed with ${status}`);
          expect(failing.nextRetryAt).not.toBeNull();
          const [refused, accepted, extra] = client.gradeWrites(copyId);
          expect(extra).toBeUndefined();
          expect(accepted?.idempotencyKey).toBe(refused?.idempotencyKey);
          const gap = accepted!.sentAt - refused!.sentAt;
          expect(gap).toBeGreaterThanOrEqual(minimumGapMs);
          expect(gap).toBeLessThan(maximumGapMs);
          await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
        });
      }
    },
  );
}
