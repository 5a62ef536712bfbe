import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collectUnsyncedCopies } from '../../../../renderer/core/backup/create-backup';
import { restoreBackup } from '../../../../renderer/core/backup/restore-backup';
import {
  signIn,
  startTestServer,
  type TestServer,
} from '../../../support/test-server';
import { finalGrade, putGrade } from '../../api/support/grade-requests';
import { readServerGrade, SyncClient } from '../sync/sync-setup';

// An examiner saves a backup of an unsent edit, loses the computer, and a
// supervisor corrects the same grade meanwhile. Restored on a new
// computer, the backed-up edit must meet the correction as a conflict,
// with both versions kept, rather than be dropped or overwrite it.
describe('backup restored after a server change', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: 2 });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('keeps both versions as a conflict', async () => {
    const old = await SyncClient.open(server.url, server.url);
    const batchId = (await old.api.getAssignments()).batches[0]!.id;
    const copyId = (await old.api.getBatch(batchId)).copies[0]!.id;

    await old.edit(copyId, { marks: { q1: 1 }, comment: 'First pass' });
    expect((await old.engine.syncNow()).pushed).toBe(1);
    old.engine.stop();
    await old.store.grades.saveGradeEdit(copyId, {
      marks: { q1: 3.5 },
      comment: 'Unsent, in the backup only',
    });
    const backedUp = await collectUnsyncedCopies({
      db: old.store.db,
      grades: old.store.grades,
      serverGrades: old.store.serverGrades,
    });
    await old.close();
    expect(backedUp).toHaveLength(1);
    expect(backedUp[0]?.baseVersion).toBe(1);

    const supervisor = await signIn(server, 'chef');
    const correction = finalGrade({ comment: 'Corrected by the jury' });
    expect(
      (await putGrade(supervisor.client, copyId, correction, { ifMatch: 1 }))
        .status,
    ).toBe(200);

    // The new computer reads the supervisor's grade at its first sync,
    // then the examiner restores the backup and syncs again.
    const fresh = await SyncClient.open(server.url, server.url);
    try {
      await fresh.engine.syncNow();
      expect((await fresh.store.grades.readGrade(copyId))?.comment).toBe(
        correction.comment,
      );

      const report = await restoreBackup(
        {
          db: fresh.store.db,
          grades: fresh.store.grades,
          serverGrades: fresh.store.serverGrades,
        },
        { copies: backedUp },
      );
      expect(report.restored.map((copy) => copy.copyId)).toEqual([copyId]);
      expect(report.needsChoice).toEqual([]);

      const result = await fresh.engine.syncNow();

      expect(result.parked).toBe(1);
      const conflict = await fresh.store.serverGrades.readConflict(copyId);
      expect(conflict?.serverVersion).toBe(2);
      expect(conflict?.server.comment).toBe(correction.comment);
      const local = await fresh.store.grades.readGrade(copyId);
      expect(local?.comment).toBe('Unsent, in the backup only');
      expect(local?.marks).toEqual({ q1: 3.5 });
      const onServer = await readServerGrade(server.handle.db, copyId);
      expect(onServer?.version).toBe(2);
      expect(onServer?.comment).toBe(correction.comment);
    } finally {
      await fresh.close();
    }
  });
});
