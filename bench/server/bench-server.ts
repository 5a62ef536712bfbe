/**
 * The server under test: the sitting imported into a fresh database, scans
 * in a local folder, the real `startServer` on 127.0.0.1, one grader signed
 * in.
 */
import { join } from 'node:path';

import { startServer, type RunningServer } from '../../server/cli/serve';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { importSitting } from '../../server/import/import-sitting';
import { openScanStorage } from '../../server/storage/open-scan-storage';
import type { BenchDatabase } from './bench-database';
import type { BenchSitting } from './sample-sitting';
import { signIn } from '../common/sign-in';

export interface BenchCopy {
  id: string;
  /** Key of the scan in the storage folder, relative to it. */
  storageKey: string;
  /** Scan size, bytes. */
  size: number;
}

export interface BenchServer {
  url: string;
  /** Root of the file scan storage. */
  scanFolder: string;
  accessToken: string;
  /** Copies of the grader's batch, in anonymous-code order. */
  copies: BenchCopy[];
  /** Time the import took, milliseconds. */
  importMs: number;
  close(): Promise<void>;
}

/** Imports the sitting in `sittingFolder`, starts the server and signs in. */
export async function startBenchServer(
  database: BenchDatabase,
  sitting: BenchSitting,
  sittingFolder: string,
  runFolder: string,
): Promise<BenchServer> {
  const scanFolder = join(runFolder, `scans-${database.dialect}`);
  const scanStorage = `file:${scanFolder}`;

  const started = performance.now();
  const copies = await importAndListCopies(
    database.url,
    scanStorage,
    sittingFolder,
  );
  const importMs = performance.now() - started;

  const server: RunningServer = await startServer({
    DATABASE_URL: database.url,
    SCAN_STORAGE: scanStorage,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
  });

  try {
    const accessToken = await signIn(server.url, sitting);
    return {
      url: server.url,
      scanFolder,
      accessToken,
      copies,
      importMs,
      close: () => server.close(),
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

async function importAndListCopies(
  databaseUrl: string,
  scanStorage: string,
  sittingFolder: string,
): Promise<BenchCopy[]> {
  const handle = openDatabase(databaseUrl);
  try {
    await migrateToLatest(handle);
    await importSitting(sittingFolder, {
      db: handle,
      storage: openScanStorage(scanStorage),
    });

    const rows = await handle.db
      .selectFrom('copies')
      .select(['id', 'storage_key', 'size'])
      .orderBy('anonymous_code')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      storageKey: row.storage_key,
      size: Number(row.size),
    }));
  } finally {
    await handle.close();
  }
}
