/**
 * The sitting and servers of the sync benchmark: one grader's batch of
 * one-page copies plus a supervisor account, imported into a fresh SQLite
 * database for each server, so every round starts from no grades.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { SITTING_FILE, type SittingDocument } from '../../server/sample/index';
import { createSqliteDatabase } from '../server/bench-database';
import { startBenchServer, type BenchServer } from '../server/bench-server';
import { prepareSitting, type BenchSitting } from '../server/sample-sitting';

/** The supervisor the benchmark adds, whose writes fill the changes feed. */
export const SUPERVISOR = {
  username: 'bench-supervisor',
  password: 'bench supervisor passphrase',
};

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

/** Starts a server over a new SQLite database in `folder`. */
export async function startSyncServer(
  sitting: BenchSitting,
  folder: string,
): Promise<BenchServer> {
  const database = await createSqliteDatabase(folder);
  return startBenchServer(database, sitting, sitting.folder, folder);
}
