import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Copy } from '../../../../shared/api/schemas';
import { SERVER_GRADES_READ_KEY } from '../../../../renderer/core/sync/server-grade-download';
import { pruneChanges } from '../../../../server/changes/feed';
import {
  signIn,
  startTestServer,
  type TestServer,
} from '../../../support/test-server';
import { finalGrade, putGrade } from '../../api/support/grade-requests';
import { SyncClient } from './sync-setup';

// A new computer, or the same one after a reinstall, starts with no grade
// stored. The first sync reads the grades the server holds for the
// examiner's copies, so marks made elsewhere show at once.
describe('server grades read on a new computer', () => {
  let server: TestServer;
  let copies: Copy[];

  beforeAll(async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: 5 });
    const probe = await SyncClient.open(server.url, server.url);
    const batchId = (await probe.api.getAssignments()).batches[0]!.id;
    copies = (await probe.api.getBatch(batchId)).copies;
    await probe.close();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('stores own and supervisor grades, noticing only the latter', async () => {
    const examiner = await signIn(server, 'amartin');
    const supervisor = await signIn(server, 'chef');
    const own = finalGrade({ comment: 'Marked on the office computer' });
    const bySupervisor = finalGrade({ comment: 'Set by the supervisor' });
    expect(
      (await putGrade(examiner.client, copies[0]!.id, own, { first: true }))
        .status,
    ).toBe(201);
    expect(
      (
        await putGrade(supervisor.client, copies[1]!.id, bySupervisor, {
          first: true,
        })
      ).status,
    ).toBe(201);

    const app = await SyncClient.open(server.url, server.url);
    try {
      const result = await app.engine.syncNow();

      expect(result.stoppedBy).toBeNull();
      expect(result.gradesRead).toBe(2);
      const first = await app.store.grades.readGrade(copies[0]!.id);
      expect(first?.comment).toBe(own.comment);
      expect(first?.marks).toEqual(own.marks);
      expect(first?.status).toBe('final');
      expect(first?.baseVersion).toBe(1);
      const second = await app.store.grades.readGrade(copies[1]!.id);
      expect(second?.comment).toBe(bySupervisor.comment);
      expect(second?.baseVersion).toBe(1);

      const rows = await app.store.db.grades.bulkGet([
        copies[0]!.id,
        copies[1]!.id,
      ]);
      expect(rows[0]?.serverChange ?? null).toBeNull();
      expect(rows[1]?.serverChange?.version).toBe(1);
      expect(await app.store.grades.readGrade(copies[2]!.id)).toBeNull();
      expect(await app.store.db.outbox.count()).toBe(0);
      const read = await app.store.db.kv.get(SERVER_GRADES_READ_KEY);
      expect(read?.value).toEqual([copies[0]!.batchId]);

      // Each batch is read once: the next run sends no grade read.
      const before = app.requests.length;
      const again = await app.engine.syncNow();
      expect(again.gradesRead).toBe(0);
      expect(
        app.requests
          .slice(before)
          .filter((request) => /\/grade$/.test(request.url)),
      ).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('reads synced grades again after the feed was pruned', async () => {
    const copyId = copies[4]!.id;
    const app = await SyncClient.open(server.url, server.url);
    try {
      await app.edit(copyId, { marks: { q1: 1 }, comment: 'First pass' });
      expect((await app.engine.syncNow()).pushed).toBe(1);

      // The supervisor's change is recorded in the feed, which is then
      // pruned before the app reads it: the app gets 410.
      const supervisor = await signIn(server, 'chef');
      const corrected = finalGrade({ comment: 'Corrected by the jury' });
      expect(
        (await putGrade(supervisor.client, copyId, corrected, { ifMatch: 1 }))
          .status,
      ).toBe(200);
      await pruneChanges(server.handle.db, 0, new Date(Date.now() + 60_000));

      const result = await app.engine.syncNow();

      expect(result.stoppedBy).toBeNull();
      expect(result.pull?.reloaded).toBe(true);
      const local = await app.store.grades.readGrade(copyId);
      expect(local?.comment).toBe(corrected.comment);
      expect(local?.baseVersion).toBe(2);
      const row = await app.store.db.grades.get(copyId);
      expect(row?.serverChange?.version).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('leaves an edit made before the read as a conflict', async () => {
    const examiner = await signIn(server, 'amartin');
    const elsewhere = finalGrade({ comment: 'Sent from the other computer' });
    expect(
      (
        await putGrade(examiner.client, copies[3]!.id, elsewhere, {
          first: true,
        })
      ).status,
    ).toBe(201);

    const app = await SyncClient.open(server.url, server.url);
    try {
      await app.store.grades.saveGradeEdit(copies[3]!.id, {
        comment: 'Typed here before the first sync',
      });
      await app.engine.syncNow();

      const conflict = await app.store.serverGrades.readConflict(copies[3]!.id);
      expect(conflict?.server.comment).toBe(elsewhere.comment);
      const local = await app.store.grades.readGrade(copies[3]!.id);
      expect(local?.comment).toBe('Typed here before the first sync');
    } finally {
      await app.close();
    }
  });
});
