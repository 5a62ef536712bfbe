/**
 * Databases for integration tests: each call creates its own SQLite file or
 * PostgreSQL database, so test files can run in parallel.
 *
 * A test file runs its suites once per dialect:
 *
 *     for (const { dialect, skipReason } of testDialects()) {
 *       describe.skipIf(skipReason !== null)(dialect, () => { ... });
 *     }
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { inject } from 'vitest';

import {
  openDatabase,
  redactUrl,
  type DatabaseHandle,
  type Dialect,
} from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';

export interface TestDialect {
  dialect: Dialect;
  /** Reason this dialect's tests skip, or null when they run. */
  skipReason: string | null;
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** `DATABASE_URL` of this database, for code that opens its own handle. */
  url: string;
  /** Closes the handle and deletes the database. */
  cleanup(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Whether to run the migrations; true unless a test migrates itself. */
  migrate?: boolean;
}

/** Returns SQLite and PostgreSQL, with the reason when PostgreSQL skips. */
export function testDialects(): TestDialect[] {
  return [
    { dialect: 'sqlite', skipReason: null },
    { dialect: 'postgres', skipReason: postgresSkipReason() },
  ];
}

/** Creates an empty database of `dialect`, migrated unless `options.migrate` is false. */
export async function createTestDatabase(
  dialect: Dialect,
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const created =
    dialect === 'sqlite'
      ? createSqliteDatabase()
      : await createPostgresDatabase();

  const handle = openDatabase(created.url);
  let cleanedUp = false;
  const cleanup = async () => {
    if (cleanedUp) {
      return;
    }
    cleanedUp = true;
    await handle.close();
    await created.drop();
  };

  if (options.migrate ?? true) {
    try {
      await migrateToLatest(handle);
    } catch (error) {
      await cleanup();
      throw error;
    }
  }

  return { handle, url: created.url, cleanup };
}

interface CreatedDatabase {
  url: string;
  drop(): Promise<void>;
}

function createSqliteDatabase(): CreatedDatabase {
  const folder = mkdtempSync(join(tmpdir(), 'copydesk-test-'));
  return {
    url: `sqlite:${join(folder, 'copydesk.sqlite')}`,
    drop: async () => rmSync(folder, { recursive: true, force: true }),
  };
}

async function createPostgresDatabase(): Promise<CreatedDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) {
    throw new Error(
      `No PostgreSQL server for tests: ${postgresSkipReason()}. Skip the suite when testDialects() returns a skipReason.`,
    );
  }

  // Random hex keeps the name a valid unquoted identifier.
  const name = `copydesk_test_${randomBytes(8).toString('hex')}`;
  await runAdminQuery(adminUrl, `create database ${name}`);

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    // FORCE (PostgreSQL 13 and later) ends connections that a test left open.
    drop: () =>
      runAdminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

async function runAdminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    await client.query(sql);
  } catch (error) {
    throw new Error(
      `Query "${sql}" on the PostgreSQL test server ${redactUrl(adminUrl)} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postgresSkipReason(): string | null {
  const adminUrl = inject('postgresAdminUrl');
  if (adminUrl) {
    return null;
  }
  if (adminUrl === undefined) {
    return 'PostgreSQL tests skipped: the global setup test/support/postgres-global-setup.ts did not run for this Vitest project';
  }
  return inject('postgresSkipReason');
}
