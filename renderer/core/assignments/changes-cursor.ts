import type { CopydeskDatabase } from '../store/database';

/**
 * Key of the `kv` row containing the cursor that GET /assignments returned.
 * GET /changes?since=<cursor> then reports every change made after the
 * assignments were read. The value is the server's opaque cursor string.
 */
export const CHANGES_CURSOR_KEY = 'changes-cursor';

/** Returns the stored changes cursor, or null before the first refresh. */
export async function readChangesCursor(
  db: CopydeskDatabase,
): Promise<string | null> {
  const row = await db.kv.get(CHANGES_CURSOR_KEY);
  return typeof row?.value === 'string' ? row.value : null;
}
