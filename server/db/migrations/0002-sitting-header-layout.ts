/**
 * Sittings gain `header_layout`: the JSON header layout of their answer
 * sheets, or null for the usual French answer sheet. Rows imported before
 * keep null, which is the layout they were checked with.
 */
import type { Kysely } from 'kysely';

export async function up(
  // Migrations work on the schema, not on typed rows.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
): Promise<void> {
  // A nullable text column needs no default and means the same on SQLite
  // and PostgreSQL, so both dialects take the same statement.
  await db.schema
    .alterTable('sittings')
    .addColumn('header_layout', 'text')
    .execute();
}
