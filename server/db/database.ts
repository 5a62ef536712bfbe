/**
 * Opens the server's database from a `DATABASE_URL`: `sqlite:<path>` (one
 * file, created with its folder when missing) or `postgres://...`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';

import type { Database } from './tables';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The URL with any password replaced, safe to log. */
  displayUrl: string;
  close(): Promise<void>;
}

export class DatabaseUrlError extends Error {}

export function openDatabase(url: string): DatabaseHandle {
  if (url.startsWith('sqlite:')) {
    return openSqlite(url.slice('sqlite:'.length), url);
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return openPostgres(url);
  }
  throw new DatabaseUrlError(
    `DATABASE_URL "${redactUrl(url)}" is not supported: use sqlite:<path> or postgres://user:password@host:port/database`,
  );
}

function openSqlite(path: string, url: string): DatabaseHandle {
  if (path === '') {
    throw new DatabaseUrlError(
      'DATABASE_URL "sqlite:" has no file path: use sqlite:<path>, for example sqlite:data/copydesk.sqlite',
    );
  }
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
  }

  const sqlite = new SqliteDatabase(path);

  // WAL lets readers go on while one write commits; the busy timeout makes a
  // second writer wait for the lock instead of failing at once.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');

  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
  });
  return {
    db,
    dialect: 'sqlite',
    displayUrl: url,
    close: () => db.destroy(),
  };
}

function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: 10 });

  // An idle connection can fail on its own, as when PostgreSQL restarts or
  // an administrator ends it. pg reports that as an 'error' event on the
  // pool, which would crash the process without a listener. The pool
  // replaces the connection by itself, so a log line is enough.
  pool.on('error', (error) => {
    console.error(
      `PostgreSQL connection to ${redactUrl(url)} failed while idle: ${error.message}`,
    );
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    displayUrl: redactUrl(url),
    close: () => db.destroy(),
  };
}

/** Replaces the password of a URL, if it has one, so it can be logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      parsed.password = '***';
    }
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
