/**
 * `npm run bench:sync`: the sync engine's push of pending grades and pull
 * of the changes feed, each timed beside a bare loop of `fetch` calls that
 * sends the same requests to the same kind of server. `--help` lists the
 * options; docs/benchmarks.md records the figures.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { CHANGES_CURSOR_KEY } from '../../renderer/core/assignments/changes-cursor';
import { readOptionsOrExit } from '../common/options';
import { createRunFolder } from '../common/run-folder';
import { signIn } from '../common/sign-in';
import { describeMachine } from '../server/machine';
import type { BenchSitting } from '../server/sample-sitting';
import { pullBare, pushBare, writeSupervisorChanges } from './bare-client';
import { createEngineClient, queueGrades } from './engine-client';
import { HELP, parseOptions, type SyncBenchOptions } from './options';
import { formatMarkdown, type SyncRound } from './report';
import { writeJsonReport } from '../common/json-report';
import {
  prepareSyncSitting,
  startSyncServer,
  SUPERVISOR,
  type SyncServer,
} from './sync-sitting';

function progress(message: string): void {
  console.error(`bench:sync: ${message}`);
}

let servers = 0;

async function withServer<T>(
  sitting: BenchSitting,
  runFolder: string,
  task: (server: SyncServer) => Promise<T>,
): Promise<T> {
  servers += 1;
  const folder = join(runFolder, `server-${servers}`);
  await mkdir(folder, { recursive: true });
  const server = await startSyncServer(sitting, folder);
  try {
    return await task(server);
  } finally {
    await server.close();
  }
}

/** Times the engine pushing every copy's grade; returns milliseconds. */
async function timeEnginePush(
  sitting: BenchSitting,
  runFolder: string,
  options: SyncBenchOptions,
): Promise<number> {
  return withServer(sitting, runFolder, async (server) => {
    const client = await createEngineClient(
      server.url,
      sitting,
      options.concurrency,
    );
    try {
      await queueGrades(client, sitting.questions);
      const started = performance.now();
      const result = await client.engine.syncNow();
      const elapsed = performance.now() - started;

      const left = await client.store.db.outbox.count();
      if (result.pushed !== options.grades || left !== 0) {
        throw new Error(
          `The engine pushed ${result.pushed} of ${options.grades} grades and left ${left} in the outbox (stopped by ${result.stoppedBy})`,
        );
      }
      return elapsed;
    } finally {
      client.close();
    }
  });
}

async function timeBarePush(
  sitting: BenchSitting,
  runFolder: string,
  options: SyncBenchOptions,
): Promise<number> {
  return withServer(sitting, runFolder, async (server) => {
    const started = performance.now();
    await pushBare(
      server.url,
      server.accessToken,
      server.copyIds,
      sitting.questions,
      options.concurrency,
    );
    return performance.now() - started;
  });
}

/**
 * Fills one server's feed with supervisor changes, then times the engine
 * and the bare loop reading it from the same cursor, `rounds` times each.
 */
async function timePulls(
  sitting: BenchSitting,
  runFolder: string,
  options: SyncBenchOptions,
): Promise<SyncRound[]> {
  return withServer(sitting, runFolder, async (server) => {
    const copyIds = server.copyIds;
    const first = await createEngineClient(
      server.url,
      sitting,
      options.concurrency,
    );
    const cursor = first.cursor;
    first.close();

    progress(`writing ${options.changes} supervisor changes`);
    const supervisorToken = await signIn(server.url, SUPERVISOR);
    await writeSupervisorChanges(
      server.url,
      supervisorToken,
      copyIds,
      sitting.questions,
      options.changes,
      options.concurrency,
    );

    const rounds: SyncRound[] = [];
    for (let round = 1; round <= options.rounds; round += 1) {
      const client = await createEngineClient(
        server.url,
        sitting,
        options.concurrency,
      );
      await client.store.db.kv.put({ key: CHANGES_CURSOR_KEY, value: cursor });

      const times = { engine: 0, bare: 0 };
      const runEngine = async () => {
        const started = performance.now();
        const result = await client.engine.syncNow();
        times.engine = performance.now() - started;
        if (result.pull?.changes !== options.changes) {
          throw new Error(
            `The engine pulled ${result.pull?.changes ?? 0} of ${options.changes} changes (stopped by ${result.stoppedBy})`,
          );
        }
      };
      const runBare = async () => {
        const started = performance.now();
        const read = await pullBare(
          server.url,
          server.accessToken,
          cursor,
          options.concurrency,
        );
        times.bare = performance.now() - started;
        if (read !== options.changes) {
          throw new Error(`The bare loop read ${read} changes`);
        }
      };

      if (round % 2 === 1) {
        await runEngine();
        await runBare();
      } else {
        await runBare();
        await runEngine();
      }
      client.close();
      rounds.push({
        round,
        engineMs: times.engine,
        bareMs: times.bare,
      });
      progress(
        `pull round ${round}: engine ${times.engine.toFixed(0)} ms, bare ${times.bare.toFixed(0)} ms`,
      );
    }
    return rounds;
  });
}

async function main(): Promise<void> {
  const options = readOptionsOrExit('bench:sync', parseOptions, HELP);
  if (options === null) {
    return;
  }

  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const runFolder = await createRunFolder('copydesk-bench-sync-');
  progress(`preparing a sitting of ${options.grades} copies`);
  const sitting = await prepareSyncSitting(
    join(runFolder, 'sitting'),
    options.grades,
  );

  const push: SyncRound[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    let engineMs: number;
    let bareMs: number;
    if (round % 2 === 1) {
      engineMs = await timeEnginePush(sitting, runFolder, options);
      bareMs = await timeBarePush(sitting, runFolder, options);
    } else {
      bareMs = await timeBarePush(sitting, runFolder, options);
      engineMs = await timeEnginePush(sitting, runFolder, options);
    }
    push.push({ round, engineMs, bareMs });
    progress(
      `push round ${round}: engine ${engineMs.toFixed(0)} ms, bare ${bareMs.toFixed(0)} ms`,
    );
  }

  const pull =
    options.changes > 0 ? await timePulls(sitting, runFolder, options) : [];

  const report = {
    startedAt,
    command: `npm run bench:sync -- ${process.argv.slice(2).join(' ')}`.trim(),
    options,
    machine,
    push,
    pull,
  };
  console.log(formatMarkdown(report));
  const file = await writeJsonReport(join('bench', 'results'), 'sync', report);
  progress(`results written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(
    `bench:sync failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
