/**
 * A fresh, empty database per benchmark run: a SQLite file in the run's
 * folder, or a new database on a PostgreSQL server, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import pg from 'pg';

import { redactUrl, type Dialect } from '../../server/db/database';

export interface BenchDatabase {
  dialect: Dialect;
  /** `DATABASE_URL` of the database. */
  url: string;
  /** Server version, such as "15.14"; for SQLite, the library version. */
  version: string;
  drop(): Promise<void>;
}

export async function createSqliteDatabase(
  folder: string,
): Promise<BenchDatabase> {
  const { default: SqliteDatabase } = await import('better-sqlite3');
  const probe = new SqliteDatabase(':memory:');
  const row = probe.prepare('select sqlite_version() as version').get() as {
    version: string;
  };
  probe.close();

  // The file is deleted with the run's folder.
  return {
    dialect: 'sqlite',
    url: `sqlite:${join(folder, 'copydesk.sqlite')}`,
    version: row.version,
    drop: async () => undefined,
  };
}

export async function createPostgresDatabase(
  adminUrl: string,
): Promise<BenchDatabase> {
  // Random hex keeps the name a valid unquoted identifier.
  const name = `copydesk_bench_${randomBytes(6).toString('hex')}`;
  const version = await runAdminQuery(adminUrl, 'show server_version');
  await runAdminQuery(adminUrl, `create database ${name}`);

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dialect: 'postgres',
    url: url.toString(),
    version: String(version.rows[0]?.server_version ?? 'unknown'),
    drop: async () => {
      await runAdminQuery(
        adminUrl,
        `drop database if exists ${name} with (force)`,
      );
    },
  };
}

async function runAdminQuery(
  adminUrl: string,
  sql: string,
): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    return await client.query(sql);
  } catch (error) {
    throw new Error(
      `Query "${sql}" on PostgreSQL at ${redactUrl(adminUrl)} failed: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
