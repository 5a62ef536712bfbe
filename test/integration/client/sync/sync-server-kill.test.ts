import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Copy } from '../../../../shared/api/schemas';
import { ChildServer } from '../../../support/child-server';
import { FaultProxy } from '../../../support/fault-proxy';
import { testDialects } from '../../../support/test-database';
import {
  expectServerHoldsLocal,
  readServerGrade,
  SyncClient,
} from './sync-setup';

const GRADE_WRITE = { method: 'PUT', path: /\/copies\/[^/]+\/grade$/ };

const EDIT = {
  marks: { q1: 3.5, q2: 10.25 },
  comment: 'Bonne introduction, développement inégal.',
};

// The reference server runs as a child process behind a proxy, so its
// address stays the same while it is killed with SIGKILL in the middle of
// a push and started again over the same database.
for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(
    `sync across a server crash (${dialect})`,
    () => {
      let server: ChildServer;
      let proxy: FaultProxy;
      let copies: Copy[];
      let nextCopy = 0;
      let client: SyncClient | undefined;

      beforeAll(async () => {
        server = await ChildServer.start(dialect, { copiesPerBatch: 6 });
        proxy = await FaultProxy.start(server.url);
        const probe = await SyncClient.open(server.url, server.url);
        const batchId = (await probe.api.getAssignments()).batches[0]!.id;
        copies = (await probe.api.getBatch(batchId)).copies;
        await probe.close();
      });

      afterEach(async () => {
        await client?.close();
        client = undefined;
      });

      afterAll(async () => {
        await proxy?.close();
        await server?.close();
      });

      function takeCopies(count: number): string[] {
        const taken = copies.slice(nextCopy, nextCopy + count);
        nextCopy += count;
        if (taken.length < count) {
          throw new Error('The fixture batch has too few copies for the tests');
        }
        return taken.map((copy) => copy.id);
      }

      function logsFor(copyId: string, message: string) {
        return server
          .logsWithMessage(message)
          .filter((line) => line.copyId === copyId);
      }

      /** Kills the server, as a crash does, and drops what the proxy holds. */
      async function crashServer(): Promise<void> {
        await server.kill();
        // The proxy paused the delayed response, so it would not notice the
        // closed upstream. A client of a crashed server gets its connection
        // closed, as dropping it does.
        proxy.dropOpenConnections();
      }

      async function restartServer(): Promise<void> {
        await server.restart();
        proxy.retarget(server.url);
      }

      it('killed after commit is replayed after restart', async () => {
        client = await SyncClient.open(server.url, proxy.url);
        const [copyId] = takeCopies(1) as [string];
        await client.edit(copyId, EDIT);
        proxy.queueForRequest(GRADE_WRITE, { kind: 'delay', ms: 60_000 });

        const running = client.engine.syncNow();
        await waitUntil(() => logsFor(copyId, 'grade written').length === 1);
        await crashServer();
        const failed = await running;

        expect(failed.stoppedBy).toBe('offline');
        expect((await readServerGrade(server.handle.db, copyId))?.version).toBe(
          1,
        );

        await restartServer();
        const retried = await client.engine.syncNow();

        expect(retried.pushed).toBe(1);
        await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
        expect(logsFor(copyId, 'grade write replayed')).toHaveLength(1);
        const [sent, resent] = client.gradeWrites(copyId);
        expect(resent?.idempotencyKey).toBe(sent?.idempotencyKey);
      });

      it('killed mid-push loses and repeats nothing', async () => {
        client = await SyncClient.open(server.url, proxy.url, {
          engine: { concurrency: 1 },
        });
        const copyIds = takeCopies(4);
        for (const copyId of copyIds) {
          await client.store.grades.saveGradeEdit(copyId, EDIT);
        }
        // The first write gets its response, the second one's is held.
        proxy.queueForRequest(GRADE_WRITE, { kind: 'pass' });
        proxy.queueForRequest(GRADE_WRITE, { kind: 'delay', ms: 60_000 });

        const writtenBefore = server.logsWithMessage('grade written').length;
        const running = client.engine.syncNow();
        await waitUntil(
          () =>
            server.logsWithMessage('grade written').length ===
            writtenBefore + 2,
        );
        await crashServer();
        const failed = await running;

        expect(failed.stoppedBy).toBe('offline');
        expect(failed.pushed).toBe(1);

        const [edited] = copyIds as [string];
        await client.edit(edited, { comment: 'Relue pendant la panne' });
        const offline = await client.engine.syncNow();
        expect(offline.stoppedBy).toBe('offline');

        await restartServer();
        const retried = await client.engine.syncNow();

        expect(retried.stoppedBy).toBeNull();
        await expectServerHoldsLocal(server.handle.db, client, edited, 2);
        for (const copyId of copyIds.slice(1)) {
          await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
        }
        expect((await readServerGrade(server.handle.db, edited))?.comment).toBe(
          'Relue pendant la panne',
        );
      });
    },
  );
}

/** Resolves once `condition` holds, checking every 20 ms for 10 s. */
async function waitUntil(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('The condition did not hold within 10 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
