import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ChildServer } from '../../../support/child-server';
import { FaultProxy } from '../../../support/fault-proxy';
import { readServerGrade, readServerWrites, SyncClient } from './sync-setup';

// Random sequences of edits, network faults, app restarts and server
// crashes, after which one online sync must leave the server with exactly
// the last local state of every copy, each write applied once. Every edit
// writes a new number into the comment, so the server's versions can be
// matched to the edits they carry.
//
// FC_NUM_RUNS sets the number of sequences (30 by default, about a minute
// on two cores). FC_SEED and FC_PATH replay a reported sequence, though
// its timing differs at each replay, so a failure may take several.
// FC_SHRINK=1 shrinks a failure to a shorter sequence, which can take
// minutes because every try opens a new app and may restart the server.

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 30);
const COPIES = 3;
const MAX_FINAL_RUNS = 10;

type NetworkMode =
  'online' | 'refuse' | 'cut-before-request' | 'lose-responses';

type Step =
  | { kind: 'edit'; copy: number; q1: number; q2: number; flagged: boolean }
  | { kind: 'sync' }
  | { kind: 'sync-in-background' }
  | { kind: 'network'; mode: NetworkMode }
  | { kind: 'restart-app' }
  | { kind: 'kill-server' }
  | { kind: 'start-server' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      copy: fc.integer({ min: 0, max: COPIES - 1 }),
      // Steps of the fixture scheme: q1 by 0.5 up to 4, q2 by 0.25 up to 12.
      q1: fc.integer({ min: 0, max: 8 }).map((halves) => halves / 2),
      q2: fc.integer({ min: 0, max: 48 }).map((quarters) => quarters / 4),
      flagged: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'sync' as const }) },
  {
    weight: 2,
    arbitrary: fc.constant({ kind: 'sync-in-background' as const }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('network' as const),
      mode: fc.constantFrom<NetworkMode>(
        'online',
        'refuse',
        'cut-before-request',
        'lose-responses',
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart-app' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'kill-server' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'start-server' as const }) },
);

describe('sync under random faults (sqlite)', () => {
  let server: ChildServer;
  let proxy: FaultProxy;
  let copyIds: string[];

  beforeAll(async () => {
    server = await ChildServer.start('sqlite', { copiesPerBatch: COPIES });
    proxy = await FaultProxy.start(server.url);
    const probe = await SyncClient.open(server.url, server.url);
    const batchId = (await probe.api.getAssignments()).batches[0]!.id;
    copyIds = (await probe.api.getBatch(batchId)).copies.map((copy) => copy.id);
    await probe.close();
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  async function setNetwork(mode: NetworkMode): Promise<void> {
    if (mode === 'refuse') {
      await proxy.refuseConnections();
      return;
    }
    await proxy.acceptConnections();
    if (mode === 'online') {
      proxy.setDefault({ kind: 'pass' });
    } else if (mode === 'cut-before-request') {
      proxy.setDefault({ kind: 'cut-before-request' });
    } else {
      proxy.setDefault({ kind: 'cut-after-response-bytes', bytes: 0 });
    }
    // Kept-alive connections would otherwise go on as they were.
    proxy.dropOpenConnections();
  }

  async function startServer(): Promise<void> {
    if (!server.running) {
      await server.restart();
      proxy.retarget(server.url);
    }
  }

  /** Runs one sequence on a new app and a server with no grades. */
  async function runSequence(steps: readonly Step[]): Promise<void> {
    await startServer();
    await setNetwork('online');
    await server.handle.db.deleteFrom('idempotency_keys').execute();
    await server.handle.db.deleteFrom('grades').execute();

    const client = await SyncClient.open(server.url, proxy.url);
    const background: Promise<unknown>[] = [];
    let edits = 0;
    try {
      await client.engine.start();
      for (const step of steps) {
        switch (step.kind) {
          case 'edit':
            edits += 1;
            await client.edit(copyIds[step.copy]!, {
              marks: { q1: step.q1, q2: step.q2 },
              comment: `edit ${edits}`,
              flags: step.flagged ? ['illegible'] : [],
            });
            break;
          case 'sync':
            await client.engine.syncNow();
            break;
          case 'sync-in-background':
            background.push(client.engine.syncNow());
            break;
          case 'network':
            await setNetwork(step.mode);
            break;
          case 'restart-app':
            await Promise.all(background.splice(0));
            await client.restartApp();
            await client.engine.start();
            break;
          case 'kill-server':
            await server.kill();
            proxy.dropOpenConnections();
            break;
          case 'start-server':
            await startServer();
            break;
        }
      }

      await Promise.all(background.splice(0));
      await setNetwork('online');
      await startServer();
      await syncUntilDone(client);
      await expectServerHoldsLastEdits(client);
    } finally {
      await Promise.allSettled(background);
      await client.close();
    }
  }

  /**
   * Syncs until nothing is pending. A refresh whose response was lost
   * leaves the app with a refresh token the server rotated, so the
   * examiner signs in again, as the app would ask.
   */
  async function syncUntilDone(client: SyncClient): Promise<void> {
    client.engine.stop();
    await client.settle();
    for (let run = 0; run < MAX_FINAL_RUNS; run += 1) {
      const result = await client.engine.syncNow();
      if (result.stoppedBy === 'sign-in-required') {
        await client.signInAgain(proxy.url);
        continue;
      }
      const pending = await client.store.db.outbox.count();
      if (result.stoppedBy === null && pending === 0) {
        return;
      }
    }
    throw new Error(
      `Sync did not finish online within ${MAX_FINAL_RUNS} runs; last status: ${JSON.stringify(client.engine.getStatus())}`,
    );
  }

  async function expectServerHoldsLastEdits(client: SyncClient) {
    expect(await client.store.db.conflicts.count()).toBe(0);
    const sentKeys = new Set(
      client.requests.map((request) => request.idempotencyKey),
    );

    for (const copyId of copyIds) {
      const local = await client.store.grades.readGrade(copyId);
      const server = await readServerGrade(serverDb(), copyId);
      const writes = await readServerWrites(serverDb(), copyId);
      if (local === null) {
        expect(server, `server grade of unedited ${copyId}`).toBeNull();
        expect(writes).toEqual([]);
        continue;
      }

      expect(server, `server grade of ${copyId}`).not.toBeNull();
      expect(server!.marks).toEqual(local.marks);
      expect(server!.comment).toBe(local.comment);
      expect(server!.flags).toEqual(local.flags);
      expect(server!.annotations).toEqual(local.annotations);
      expect(server!.status).toBe(local.status);
      expect(local.baseVersion).toBe(server!.version);

      // Versions 1 to N, each stored by its own key that this app sent.
      const versions = writes.map((write) => write.grade.version);
      expect(versions).toEqual(
        Array.from({ length: server!.version }, (_, index) => index + 1),
      );
      const keys = writes.map((write) => write.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) {
        expect(sentKeys.has(key), `key ${key} sent by the app`).toBe(true);
      }

      // A body applied twice would repeat an edit number, and a stale body
      // applied late would go back to an older one.
      const editNumbers = writes.map((write) =>
        editNumber(write.grade.comment),
      );
      for (let index = 1; index < editNumbers.length; index += 1) {
        expect(editNumbers[index]!).toBeGreaterThan(editNumbers[index - 1]!);
      }
    }
  }

  function serverDb() {
    return server.handle.db;
  }

  it(
    'server ends with the last local edits',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArbitrary, { minLength: 4, maxLength: 24 }),
          runSequence,
        ),
        {
          numRuns: NUM_RUNS,
          seed:
            process.env.FC_SEED === undefined
              ? undefined
              : Number(process.env.FC_SEED),
          path: process.env.FC_PATH,
          endOnFailure: process.env.FC_SHRINK !== '1',
        },
      );
    },
    NUM_RUNS * 20_000 + 60_000,
  );
});

function editNumber(comment: string): number {
  const match = /^edit (\d+)$/.exec(comment);
  if (match === null) {
    throw new Error(`The server stored a comment no edit wrote: "${comment}"`);
  }
  return Number(match[1]);
}
