import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Copy } from '../../../../shared/api/schemas';
import type { GradeChange } from '../../../../renderer/core/store/grades';
import { contentOf } from '../../../../renderer/core/store/server-grades';
import { readSyncBacklog } from '../../../../renderer/core/sync/sync-backlog';
import { closeBatch, withdrawCopy } from '../../../../server/admin/copy-admin';
import { FaultProxy } from '../../../support/fault-proxy';
import { testDialects } from '../../../support/test-database';
import {
  signIn,
  startTestServer,
  type TestServer,
  type Username,
} from '../../../support/test-server';
import { draftGrade, putGrade } from '../../api/support/grade-requests';
import {
  expectServerHoldsLocal,
  readServerGrade,
  readServerWrites,
  SyncClient,
  waitForStatus,
} from './sync-setup';

const GRADE_WRITE = { method: 'PUT', path: /\/copies\/[^/]+\/grade$/ };

const EDIT = {
  marks: { q1: 3.5, q2: 10.25 },
  comment: 'Bonne introduction, développement inégal.',
};

// What the real server rejects, and how the client keeps the examiner's
// work when it does: sign-in expired, a grade changed by the supervisor,
// a mark the scheme rejects, a closed batch, a withdrawn copy.
for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(
    `sync refusals from the server (${dialect})`,
    () => {
      let server: TestServer;
      const copies = new Map<Username, Copy[]>();
      const used = new Map<Username, number>();
      let proxy: FaultProxy | undefined;
      let client: SyncClient | undefined;

      beforeAll(async () => {
        server = await startTestServer(dialect, { copiesPerBatch: 10 });
        for (const username of ['amartin', 'bdupont'] as const) {
          const probe = await SyncClient.open(server.url, server.url, {
            username,
          });
          const batchId = (await probe.api.getAssignments()).batches[0]!.id;
          copies.set(username, (await probe.api.getBatch(batchId)).copies);
          await probe.close();
        }
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

      /** Opens the app through a proxy, on copies no other test uses. */
      async function openApp(username: Username = 'amartin', count = 1) {
        proxy = await FaultProxy.start(server.url);
        client = await SyncClient.open(server.url, proxy.url, { username });
        const start = used.get(username) ?? 0;
        const taken = copies.get(username)!.slice(start, start + count);
        used.set(username, start + count);
        if (taken.length < count) {
          throw new Error(
            `The fixture batch of ${username} has too few copies`,
          );
        }
        return { proxy, client, copyIds: taken.map((copy) => copy.id) };
      }

      async function expectLocalGrade(copyId: string, edit: GradeChange) {
        const local = await client!.store.grades.readGrade(copyId);
        expect(local?.marks).toEqual(edit.marks);
        expect(local?.comment).toBe(edit.comment ?? '');
        expect(local?.baseVersion).toBeNull();
      }

      it('401 refreshes the token and retries', async () => {
        const { client, copyIds } = await openApp();
        const [copyId] = copyIds as [string];
        await client.edit(copyId, EDIT);
        const refreshToken = await client.tokens.getRefreshToken();
        await client.tokens.saveTokens('expired-access-token', refreshToken!);

        const run = await client.engine.syncNow();

        expect(run.pushed).toBe(1);
        expect(run.stoppedBy).toBeNull();
        const [rejected, accepted, extra] = client.gradeWrites(copyId);
        expect(extra).toBeUndefined();
        expect(rejected?.authorization).toBe('Bearer expired-access-token');
        expect(accepted?.authorization).toMatch(/^Bearer /);
        expect(accepted?.authorization).not.toBe(rejected?.authorization);
        expect(accepted?.idempotencyKey).toBe(rejected?.idempotencyKey);
        const refreshes = client.requests.filter((request) =>
          request.url.endsWith('/auth/refresh'),
        );
        expect(refreshes).toHaveLength(1);
        await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
      });

      it('401 after a refresh keeps the entry pending', async () => {
        const { proxy, client, copyIds } = await openApp();
        const [copyId] = copyIds as [string];
        await client.edit(copyId, EDIT);
        const unauthorized = { kind: 'respond', status: 401 } as const;
        proxy.queueForRequest(GRADE_WRITE, unauthorized, unauthorized);

        const failed = await client.engine.syncNow();

        expect(failed.stoppedBy).toBe('server-error');
        expect(failed.parked).toBe(0);
        const entry = await client.store.db.outbox.get(copyId);
        expect(entry?.parked ?? null).toBeNull();
        expect(entry?.lastError).toContain('401');
        const refreshes = client.requests.filter((request) =>
          request.url.endsWith('/auth/refresh'),
        );
        expect(refreshes).toHaveLength(1);

        const retried = await client.engine.syncNow();

        expect(retried.pushed).toBe(1);
        await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
      });

      it('failed refresh keeps every pending entry', async () => {
        const { client, copyIds } = await openApp('amartin', 2);
        for (const copyId of copyIds) {
          await client.store.grades.saveGradeEdit(copyId, EDIT);
        }
        const pending = await client.store.db.outbox.toArray();
        await client.tokens.saveTokens(
          'expired-access-token',
          'revoked-refresh-token',
        );

        await client.engine.start();
        const stopped = await waitForStatus(
          client.engine,
          (status) => status.phase === 'sign-in-required',
        );
        const requestsWhenStopped = client.requests.length;
        // Longer than the largest backoff delay, so a retry would show.
        await new Promise((resolve) => setTimeout(resolve, 400));

        expect(stopped.nextRetryAt).toBeNull();
        expect(client.engine.getStatus().phase).toBe('sign-in-required');
        expect(client.requests).toHaveLength(requestsWhenStopped);
        expect(await client.tokens.getRefreshToken()).toBeNull();
        const kept = await client.store.db.outbox.toArray();
        expect(kept.map((entry) => entry.idempotencyKey)).toEqual(
          pending.map((entry) => entry.idempotencyKey),
        );
        for (const entry of kept) {
          expect(entry.parked ?? null).toBeNull();
          expect(entry.lastError).toContain('SignInRequiredError');
        }
        for (const copyId of copyIds) {
          await expectLocalGrade(copyId, EDIT);
          expect(await readServerGrade(server.handle.db, copyId)).toBeNull();
        }

        await client.signInAgain();
        client.engine.requestSync('sign-in');
        await waitForStatus(
          client.engine,
          (status) => status.phase === 'idle' && status.lastSuccessAt !== null,
        );

        for (const copyId of copyIds) {
          await expectServerHoldsLocal(server.handle.db, client, copyId, 1);
        }
      });

      it('412 keeps both versions', async () => {
        const { client, copyIds } = await openApp();
        const [copyId] = copyIds as [string];
        const chef = await signIn(server, 'chef');
        const chefWrite = await putGrade(
          chef.client,
          copyId,
          draftGrade({ marks: { q1: 1 }, comment: 'Note du chef de jury' }),
          { first: true },
        );
        expect(chefWrite.status).toBe(201);
        await client.edit(copyId, EDIT);

        const run = await client.engine.syncNow();

        expect(run.parked).toBe(1);
        expect(run.pushed).toBe(0);
        const entry = await client.store.db.outbox.get(copyId);
        expect(entry?.parked?.reason).toBe('conflict');
        expect(entry?.parked?.status).toBe(412);
        const conflict = await client.store.serverGrades.readConflict(copyId);
        expect(conflict?.serverVersion).toBe(1);
        expect(conflict?.server.marks).toEqual({ q1: 1 });
        expect(conflict?.server.comment).toBe('Note du chef de jury');
        expect(conflict?.server.updatedBy).toBe(chef.graderId);
        await expectLocalGrade(copyId, EDIT);
        const onServer = await readServerGrade(server.handle.db, copyId);
        expect(onServer?.version).toBe(1);
        expect(onServer?.updatedBy).toBe(chef.graderId);
        const backlog = await readSyncBacklog(client.store.db);
        expect(backlog.conflicts).toEqual([copyId]);
        expect(backlog.pending).toBe(0);

        const again = await client.engine.syncNow();

        expect(again.pushed).toBe(0);
        expect(client.gradeWrites(copyId)).toHaveLength(1);
        expect(await client.store.db.conflicts.count()).toBe(1);
      });

      it('resolved conflict is pushed over the server version', async () => {
        const { client, copyIds } = await openApp();
        const [copyId] = copyIds as [string];
        const chef = await signIn(server, 'chef');
        await putGrade(
          chef.client,
          copyId,
          draftGrade({ marks: { q1: 1 }, comment: 'Note du chef de jury' }),
          { first: true },
        );
        await client.edit(copyId, EDIT);
        await client.engine.syncNow();
        const conflict = await client.store.serverGrades.readConflict(copyId);
        const chosen = {
          ...contentOf(conflict!.server),
          marks: { q1: 1, q2: EDIT.marks.q2 },
          comment: EDIT.comment,
        };

        await client.store.serverGrades.resolveConflict(
          copyId,
          conflict!.serverVersion,
          chosen,
        );
        const run = await client.engine.syncNow();

        expect(run.pushed).toBe(1);
        expect(run.parked).toBe(0);
        await expectServerHoldsLocal(server.handle.db, client, copyId, 2);
        const onServer = await readServerGrade(server.handle.db, copyId);
        expect(onServer?.marks).toEqual(chosen.marks);
        expect(onServer?.updatedBy).toBe(client.graderId);
        expect(await client.store.db.conflicts.count()).toBe(0);
      });

      it('422 parks invalid marks', async () => {
        const { client, copyIds } = await openApp();
        const [copyId] = copyIds as [string];
        const invalid = { marks: { q1: 4.25 }, comment: 'Pas un pas de 0,5' };
        await client.edit(copyId, invalid);

        const run = await client.engine.syncNow();

        await expectParked(client, copyId, run, 'invalid', 422);
        expect(
          (await client.store.db.outbox.get(copyId))?.parked?.detail,
        ).toContain('q1');
        await expectLocalGrade(copyId, invalid);
      });

      it('423 parks a closed batch', async () => {
        const { client, copyIds } = await openApp('bdupont');
        const [copyId] = copyIds as [string];
        await client.edit(copyId, EDIT);
        const batchId = copies.get('bdupont')![0]!.batchId;
        await closeBatch(server.handle, batchId);

        const run = await client.engine.syncNow();

        await expectParked(client, copyId, run, 'locked', 423);
        await expectLocalGrade(copyId, EDIT);
        expect((await client.store.db.batches.get(batchId))?.status).toBe(
          'closed',
        );
      });

      it('404 parks a withdrawn copy and keeps it', async () => {
        const { client, copyIds } = await openApp();
        const [copyId] = copyIds as [string];
        await client.store.grades.saveGradeEdit(copyId, EDIT);
        await client.engine.syncNow();
        await client.edit(copyId, { comment: 'Relue après retrait' });
        await withdrawCopy(server.handle, { copy: copyId });

        const run = await client.engine.syncNow();

        await expectParked(client, copyId, run, 'withdrawn', 404);
        expect(run.pull?.keptWithdrawnCopies).toEqual([copyId]);
        expect(run.pull?.removedCopies).toEqual([]);
        const copy = await client.store.db.copies.get(copyId);
        expect(copy?.withdrawnAt).not.toBeNull();
        const local = await client.store.grades.readGrade(copyId);
        expect(local?.comment).toBe('Relue après retrait');
        expect(local?.marks).toEqual(EDIT.marks);
        expect((await readServerGrade(server.handle.db, copyId))?.comment).toBe(
          EDIT.comment,
        );
      });

      it('own write with lost response is no conflict', async () => {
        const { proxy, client, copyIds } = await openApp();
        const [copyId] = copyIds as [string];
        await client.edit(copyId, { marks: { q1: 1 }, comment: 'premier jet' });
        proxy.queueForRequest(GRADE_WRITE, {
          kind: 'cut-after-response-bytes',
          bytes: 0,
        });
        const lost = await client.engine.syncNow();
        expect(lost.stoppedBy).toBe('offline');
        expect((await readServerGrade(server.handle.db, copyId))?.version).toBe(
          1,
        );

        await client.edit(copyId, EDIT);
        const run = await client.engine.syncNow();

        expect(run.pushed).toBe(1);
        expect(run.parked).toBe(0);
        expect(run.pull?.conflicts).toEqual([]);
        expect(await client.store.serverGrades.readConflict(copyId)).toBeNull();
        await expectServerHoldsLocal(server.handle.db, client, copyId, 2);
        const sent = client.gradeWrites(copyId).map((r) => r.idempotencyKey);
        expect(new Set(sent).size).toBe(3);
        const writes = await readServerWrites(server.handle.db, copyId);
        expect(writes.map((write) => write.key)).toEqual([sent[0], sent[2]]);
        expect(writes.map((write) => write.grade.comment)).toEqual([
          'premier jet',
          EDIT.comment,
        ]);
        const rebased = client.logger.lines.filter(
          (line) =>
            line.message === 'grade push retried at once' &&
            line.fields?.why === 'rebased',
        );
        expect(rebased).toHaveLength(1);
      });

      it("supervisor's change replaces an unedited grade", async () => {
        const { client, copyIds } = await openApp();
        const [copyId] = copyIds as [string];
        await client.edit(copyId, EDIT);
        await client.engine.syncNow();
        const chef = await signIn(server, 'chef');
        const corrected = draftGrade({
          marks: { q1: 4, q2: 10.25 },
          comment: 'Introduction revue par le jury',
        });
        const chefWrite = await putGrade(chef.client, copyId, corrected, {
          ifMatch: 1,
        });
        expect(chefWrite.status).toBe(200);

        const run = await client.engine.syncNow();

        expect(run.pull?.gradesReplaced).toEqual([copyId]);
        expect(run.pull?.conflicts).toEqual([]);
        const local = await client.store.grades.readGrade(copyId);
        expect(local?.marks).toEqual(corrected.marks);
        expect(local?.comment).toBe(corrected.comment);
        expect(local?.baseVersion).toBe(2);
        const row = await client.store.db.grades.get(copyId);
        expect(row?.serverChange?.version).toBe(2);
        expect(row?.serverChange?.updatedBy).toBe(chef.graderId);
        expect(await client.store.db.outbox.get(copyId)).toBeUndefined();
      });
    },
  );
}

async function expectParked(
  client: SyncClient,
  copyId: string,
  run: Awaited<ReturnType<SyncClient['engine']['syncNow']>>,
  reason: string,
  status: number,
): Promise<void> {
  expect(run.parked).toBe(1);
  expect(run.stoppedBy).toBeNull();
  const entry = await client.store.db.outbox.get(copyId);
  expect(entry?.parked?.reason).toBe(reason);
  expect(entry?.parked?.status).toBe(status);
  const backlog = await readSyncBacklog(client.store.db);
  expect(backlog.parked.map((parked) => parked.copyId)).toEqual([copyId]);
  expect(backlog.pending).toBe(0);

  const again = await client.engine.syncNow();

  expect(again.parked).toBe(0);
  expect(client.gradeWrites(copyId).at(-1)?.idempotencyKey).toBe(
    entry?.idempotencyKey,
  );
  expect(
    client
      .gradeWrites(copyId)
      .filter((write) => write.idempotencyKey === entry?.idempotencyKey),
  ).toHaveLength(1);
}
