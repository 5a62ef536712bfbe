/**
 * What an import left behind: row counts of every table and the files under
 * a scan storage folder, to check that a rejected import wrote nothing.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import type { Kysely } from 'kysely';

import type { Database } from '../../../../server/db/tables';

const TABLES: (keyof Database)[] = [
  'graders',
  'sittings',
  'sitting_members',
  'schemes',
  'batches',
  'copies',
  'grades',
  'idempotency_keys',
  'logins',
  'refresh_tokens',
  'access_tokens',
  'login_failures',
  'changes',
  'reports',
  'server_state',
];

/** Returns the number of rows of each table. */
export async function countRows(
  db: Kysely<Database>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.count);
  }
  return counts;
}

/** Every table with no rows. */
export const EMPTY_TABLES = Object.fromEntries(
  TABLES.map((table) => [table, 0]),
);

/** Lists every file under `root`, temporary files included; [] when absent. */
export async function listFiles(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(root, path.join(entry.parentPath, entry.name)),
    )
    .sort();
}
