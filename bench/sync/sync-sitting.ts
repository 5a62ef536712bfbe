/**
 * The sitting and servers of the sync benchmark: one grader's batch of
 * one-page copies plus a supervisor account, imported into a fresh SQLite
 * database for each server, so every round starts from no grades. Each
 * server runs in a child process, as a real one runs apart from the app,
 * so the client's work and the server's do not share one thread.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { importSitting } from '../../server/import/import-sitting';
import { SITTING_FILE, type SittingDocument } from '../../server/sample/index';
import { openScanStorage } from '../../server/storage/open-scan-storage';
import { signIn } from '../common/sign-in';
import { prepareSitting, type BenchSitting } from '../server/sample-sitting';

/** The supervisor the benchmark adds, whose writes fill the changes feed. */
export const SUPERVISOR = {
  username: 'bench-supervisor',
  password: 'bench supervisor passphrase',
};

const START_TIMEOUT_MS = 30_000;

export interface SyncServer {
  url: string;
  /** The grader's access token. */
  accessToken: string;
  /** Ids of the batch's copies, in anonymous-code order. */
  copyIds: string[];
  close(): Promise<void>;
}

/** Writes a sitting of `copies` one-page copies with a supervisor account. */
export async function prepareSyncSitting(
  root: string,
  copies: number,
): Promise<BenchSitting> {
  const sitting = await prepareSitting(root, {
    copies,
    pagesPerCopy: 1,
    dpi: 150,
    distinctScans: 2,
    writeCopies: 0,
  });

  const file = join(sitting.folder, SITTING_FILE);
  const document = JSON.parse(await readFile(file, 'utf8')) as SittingDocument;
  document.graders.push({
    username: SUPERVISOR.username,
    displayName: 'Bench supervisor',
    password: SUPERVISOR.password,
    role: 'supervisor',
  });
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
  return sitting;
}

/**
 * Imports the sitting into a new SQLite database in `folder`, starts the
 * server on it in a child process and signs the grader in.
 */
export async function startSyncServer(
  sitting: BenchSitting,
  folder: string,
): Promise<SyncServer> {
  const databaseUrl = `sqlite:${join(folder, 'copydesk.sqlite')}`;
  const scanStorage = `file:${join(folder, 'scans')}`;
  const copyIds = await importSyncSitting(sitting, databaseUrl, scanStorage);

  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli/serve.ts'],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        SCAN_STORAGE: scanStorage,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
  };

  try {
    await waitUntilHealthy(url, child);
    const accessToken = await signIn(url, sitting);
    return { url, accessToken, copyIds, close: stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function importSyncSitting(
  sitting: BenchSitting,
  databaseUrl: string,
  scanStorage: string,
): Promise<string[]> {
  const handle = openDatabase(databaseUrl);
  try {
    await migrateToLatest(handle);
    await importSitting(sitting.folder, {
      db: handle,
      storage: openScanStorage(scanStorage),
    });
    const rows = await handle.db
      .selectFrom('copies')
      .select('id')
      .orderBy('anonymous_code')
      .execute();
    return rows.map((row) => row.id);
  } finally {
    await handle.close();
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address !== null && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('No free loopback port was found'));
        }
      });
    });
  });
}

async function waitUntilHealthy(
  url: string,
  child: ChildProcess,
): Promise<void> {
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const deadline = Date.now() + START_TIMEOUT_MS;

  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `The server exited with ${child.exitCode} before it responded: ${output}`,
      );
    }
    try {
      const response = await fetch(`${url}/healthz`);
      await response.text();
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `The server at ${url} did not respond to /healthz within ${START_TIMEOUT_MS} ms: ${output}`,
  );
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
