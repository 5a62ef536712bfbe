/**
 * The database, scan storage and settings that the routes of one server
 * instance share.
 */
import type { Kysely } from 'kysely';

import type { ServerConfig } from './config';
import type { Database } from './db/tables';
import type { Dialect } from './db/database';
import type { ScanStorage } from './storage/scan-storage';

export interface AppContext {
  db: Kysely<Database>;
  dialect: Dialect;
  storage: ScanStorage;
  config: ServerConfig;
}
