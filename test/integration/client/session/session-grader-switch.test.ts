import 'fake-indexeddb/auto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  GRADER_KEY,
  SignInFailedError,
  type Session,
} from '../../../../renderer/app/services/session';
import { listBatchOverviews } from '../../../../renderer/core/assignments/batch-overview';
import { MemoryKeyProvider } from '../../../../renderer/core/crypto/memory-key-provider';
import { DownloadEngine } from '../../../../renderer/core/download/download-engine';
import { fileReport } from '../../../../renderer/core/reports/report-store';
import {
  createLocalStore,
  type LocalStore,
} from '../../../../renderer/core/store/local-store';
import type { CopydeskBridge } from '../../../../shared/ipc/contract';
import { PASSWORDS } from '../../../support/fixture-sitting';
import { startTestServer, type TestServer } from '../../../support/test-server';
import {
  createSettingsStorage,
  createTestBridge,
  createTestSession,
} from './session-setup';

// One computer, two examiners: the store belongs to the first until its
// marks are sent, and is replaced only when nothing would be lost.
describe('session grader switch', () => {
  let server: TestServer;
  const stores: LocalStore[] = [];

  beforeAll(async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: 2 });
  });

  afterAll(async () => {
    for (const store of stores) {
      store.close();
    }
    await server?.close();
  });

  /** Signs in A. Martin, receives the assignments, then signs out. */
  async function martinSignedOut(name: string): Promise<{
    session: Session;
    bridge: CopydeskBridge;
    store: LocalStore;
  }> {
    const store = createLocalStore(new MemoryKeyProvider(), name);
    stores.push(store);
    const bridge = createTestBridge(createSettingsStorage(server.url));
    const { session } = createTestSession(store.db, bridge);
    await session.start();
    await session.signIn('amartin', PASSWORDS.amartin);
    await session.refresh();
    await session.signOut();
    return { session, bridge, store };
  }

  it('keeps unsent marks of the other grader', async () => {
    const { session, bridge, store } = await martinSignedOut('switch-pending');
    const [copy] = await store.db.copies.toArray();
    await store.grades.saveGradeEdit(copy!.id, {
      marks: { q1: 3.5 },
      comment: 'Bonne introduction',
    });
    const martin = await store.db.kv.get(GRADER_KEY);

    const error = await session
      .signIn('bdupont', PASSWORDS.bdupont)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SignInFailedError);
    expect((error as SignInFailedError).failure).toEqual({
      kind: 'other-grader',
      name: 'A. Martin',
    });
    expect(session.getState().phase).toBe('signed-out');
    expect(await bridge.vault.getRefreshToken()).toBeNull();
    const dupontLogins = await server.handle.db
      .selectFrom('logins')
      .innerJoin('graders', 'graders.id', 'logins.grader_id')
      .select('logins.revoked_at')
      .where('graders.username', '=', 'bdupont')
      .execute();
    expect(dupontLogins).toHaveLength(1);
    expect(dupontLogins[0]?.revoked_at).not.toBeNull();
    expect(await store.db.kv.get(GRADER_KEY)).toEqual(martin);
    expect(await store.db.outbox.count()).toBe(1);
    const grade = await store.grades.readGrade(copy!.id);
    expect(grade?.marks).toEqual({ q1: 3.5 });
    expect(grade?.comment).toBe('Bonne introduction');
    const batches = await listBatchOverviews(store.db);
    expect(batches.map((overview) => overview.batch.title)).toEqual(['Lot 1']);
    expect(await store.db.copies.count()).toBe(2);
  });

  it('keeps unsent scan reports of the other grader', async () => {
    const { session, store } = await martinSignedOut('switch-pending-report');
    const [copy] = await store.db.copies.toArray();
    await fileReport(store.db, {
      copyId: copy!.id,
      kind: 'unreadable-page',
      pages: [1],
      note: 'Page 1 trop sombre',
    });

    const error = await session
      .signIn('bdupont', PASSWORDS.bdupont)
      .catch((caught: unknown) => caught);

    expect((error as SignInFailedError).failure).toEqual({
      kind: 'other-grader',
      name: 'A. Martin',
    });
    expect(await store.db.reports.count()).toBe(1);
    expect(await store.db.copies.count()).toBe(2);
  });

  it('same grader signs in with unsent marks', async () => {
    const { session, store } = await martinSignedOut('switch-same-grader');
    const [copy] = await store.db.copies.toArray();
    await store.grades.saveGradeEdit(copy!.id, { marks: { q2: 10 } });

    await session.signIn('amartin', PASSWORDS.amartin);
    await session.refresh();

    expect(session.getState()).toMatchObject({
      phase: 'active',
      grader: { displayName: 'A. Martin' },
      connection: 'online',
    });
    expect(await store.db.outbox.count()).toBe(1);
    expect((await store.grades.readGrade(copy!.id))?.marks).toEqual({
      q2: 10,
    });
  });

  it('replaces the store when nothing is unsent', async () => {
    const { session, store } = await martinSignedOut('switch-empty-outbox');
    const api = session.getApi()!;
    await session.signIn('amartin', PASSWORDS.amartin);
    await session.refresh();
    const [martinBatch] = await listBatchOverviews(store.db);
    const download = await new DownloadEngine({
      api,
      store: store.scans,
    }).downloadBatch(martinBatch!.batch.id);
    expect(download.outcome).toBe('completed');
    expect(await store.db.scans.count()).toBe(2);
    await session.signOut();

    await session.signIn('bdupont', PASSWORDS.bdupont);
    await session.refresh();

    expect(session.getState()).toMatchObject({
      phase: 'active',
      grader: { displayName: 'B. Dupont' },
      connection: 'online',
    });
    expect(await store.db.kv.get(GRADER_KEY)).toMatchObject({
      value: { displayName: 'B. Dupont' },
    });
    const batches = await listBatchOverviews(store.db);
    expect(batches.map((overview) => overview.batch.title)).toEqual(['Lot 2']);
    expect(batches[0]?.copiesTotal).toBe(2);
    const codes = (await store.db.copies.toArray())
      .map((copy) => copy.anonymousCode)
      .sort();
    expect(codes).toEqual(['A000001001', 'A000001002']);
    expect(await store.db.scans.count()).toBe(0);
    expect(await store.db.grades.count()).toBe(0);
  });
});
