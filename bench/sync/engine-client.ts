/**
 * The client under test: the renderer's sync engine in Node, over a local
 * store in fake-indexeddb with the real AES-GCM encryption, talking to the
 * server through the app's own API client.
 */
import 'fake-indexeddb/auto';

import { ApiClient } from '../../renderer/core/api/api-client';
import {
  MemoryRefreshTokenVault,
  VaultTokenStore,
} from '../../renderer/core/api/token-store';
import { CHANGES_CURSOR_KEY } from '../../renderer/core/assignments/changes-cursor';
import { refreshAssignments } from '../../renderer/core/assignments/refresh-assignments';
import { MemoryKeyProvider } from '../../renderer/core/crypto/memory-key-provider';
import {
  createLocalStore,
  type LocalStore,
} from '../../renderer/core/store/local-store';
import { SyncEngine } from '../../renderer/core/sync/sync-engine';
import type { SittingQuestion } from '../../server/sample/index';
import { fullMarks } from './grade-bodies';

export interface EngineClient {
  store: LocalStore;
  engine: SyncEngine;
  /** Copy ids of the batch, in the order the server listed them. */
  copyIds: string[];
  /** The changes cursor stored by the first assignments read. */
  cursor: string;
  close(): void;
}

let databases = 0;

/**
 * Signs in, reads the assignments into a new local store, and builds an
 * engine over it (not started: the benchmark calls `syncNow`).
 */
export async function createEngineClient(
  baseUrl: string,
  account: { username: string; password: string },
  concurrency: number,
): Promise<EngineClient> {
  databases += 1;
  const store = createLocalStore(
    new MemoryKeyProvider(),
    `bench-sync-${process.pid}-${databases}`,
  );
  const api = new ApiClient({
    baseUrl,
    tokens: new VaultTokenStore(new MemoryRefreshTokenVault()),
  });
  const tokens = await api.signIn(account.username, account.password, 'bench');
  await refreshAssignments({ api, db: store.db });

  const copyIds = (await store.db.copies.toArray()).map((copy) => copy.id);
  const cursor = (await store.db.kv.get(CHANGES_CURSOR_KEY))?.value;
  if (typeof cursor !== 'string') {
    throw new Error('The assignments refresh stored no changes cursor');
  }

  const engine = new SyncEngine({
    db: store.db,
    grades: store.grades,
    serverGrades: store.serverGrades,
    getApi: () => api,
    getGraderId: () => tokens.grader.id,
    concurrency,
  });
  return {
    store,
    engine,
    copyIds,
    cursor,
    close: () => {
      store.close();
    },
  };
}

/** Queues a final grade for every copy, as the examiner's edits would. */
export async function queueGrades(
  client: EngineClient,
  questions: readonly SittingQuestion[],
): Promise<void> {
  for (const copyId of client.copyIds) {
    await client.store.grades.saveGradeEdit(copyId, {
      status: 'final',
      marks: fullMarks(questions),
      comment: `bench ${copyId}`,
    });
  }
}
