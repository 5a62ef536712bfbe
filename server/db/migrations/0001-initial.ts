/**
 * The first schema. Every later change is a new migration file; this one is
 * never edited once released.
 */
import type { Kysely } from 'kysely';

import type { Dialect } from '../database';

export async function up(
  // Migrations work on the schema, not on typed rows.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  dialect: Dialect,
): Promise<void> {
  await db.schema
    .createTable('graders')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('sittings')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('sitting_members')
    .addColumn('sitting_id', 'text', (col) =>
      col.notNull().references('sittings.id'),
    )
    .addColumn('grader_id', 'text', (col) =>
      col.notNull().references('graders.id'),
    )
    .addColumn('role', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('sitting_members_pk', ['sitting_id', 'grader_id'])
    .execute();

  await db.schema
    .createTable('schemes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('sitting_id', 'text', (col) =>
      col.notNull().references('sittings.id'),
    )
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('questions', 'text', (col) => col.notNull())
    .addColumn('total_hundredths', 'integer', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('batches')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('sitting_id', 'text', (col) =>
      col.notNull().references('sittings.id'),
    )
    .addColumn('grader_id', 'text', (col) =>
      col.notNull().references('graders.id'),
    )
    .addColumn('scheme_id', 'text', (col) =>
      col.notNull().references('schemes.id'),
    )
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('deadline', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('batches_grader')
    .on('batches')
    .column('grader_id')
    .execute();

  await db.schema
    .createTable('copies')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('sitting_id', 'text', (col) =>
      col.notNull().references('sittings.id'),
    )
    .addColumn('batch_id', 'text', (col) =>
      col.notNull().references('batches.id'),
    )
    .addColumn('anonymous_code', 'text', (col) => col.notNull())
    .addColumn('page_count', 'integer', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('size', 'bigint', (col) => col.notNull())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('revision', 'integer', (col) => col.notNull())
    .addColumn('storage_key', 'text', (col) => col.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('copies_code_unique', ['sitting_id', 'anonymous_code'])
    .execute();
  await db.schema
    .createIndex('copies_batch')
    .on('copies')
    .column('batch_id')
    .execute();

  await db.schema
    .createTable('grades')
    .addColumn('copy_id', 'text', (col) =>
      col.primaryKey().references('copies.id'),
    )
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('marks', 'text', (col) => col.notNull())
    .addColumn('comment', 'text', (col) => col.notNull())
    .addColumn('flags', 'text', (col) => col.notNull())
    .addColumn('annotations', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('client_updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('grader_id', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('request_hash', 'text', (col) => col.notNull())
    .addColumn('status_code', 'integer', (col) => col.notNull())
    .addColumn('response_body', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['grader_id', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_created')
    .on('idempotency_keys')
    .column('created_at')
    .execute();

  await db.schema
    .createTable('logins')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('grader_id', 'text', (col) =>
      col.notNull().references('graders.id'),
    )
    .addColumn('device_name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('login_id', 'text', (col) =>
      col.notNull().references('logins.id'),
    )
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('access_tokens')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('login_id', 'text', (col) =>
      col.notNull().references('logins.id'),
    )
    .addColumn('grader_id', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('username', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('window_started_at', 'text', (col) => col.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  // SQLite's INTEGER PRIMARY KEY AUTOINCREMENT never reuses a number;
  // PostgreSQL's serial comes from a sequence that never goes back either.
  await db.schema
    .createTable('changes')
    .addColumn('seq', dialect === 'postgres' ? 'serial' : 'integer', (col) =>
      dialect === 'postgres'
        ? col.primaryKey()
        : col.primaryKey().autoIncrement(),
    )
    .addColumn('grader_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('batch_id', 'text')
    .addColumn('copy_id', 'text')
    .addColumn('scheme_id', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('changes_grader_seq')
    .on('changes')
    .columns(['grader_id', 'seq'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('copy_id', 'text', (col) =>
      col.notNull().references('copies.id'),
    )
    .addColumn('grader_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('pages', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('server_state')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();
}
