import Dexie, { type Table } from 'dexie';

import type {
  BatchRow,
  CommentBankRow,
  ConflictRow,
  CopyRow,
  GradeRow,
  KeyValueRow,
  MarkingTimeRow,
  OcrCheckRow,
  OcrRow,
  OutboxRow,
  PageViewRow,
  PartialRow,
  ReportRow,
  ScanRow,
  SchemeRow,
} from './rows';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';

export const DEFAULT_DATABASE_NAME = 'copydesk';

/**
 * The local store: the single source of truth for the screens, which read
 * it through live queries, and what the sync and download engines write.
 */
export class CopydeskDatabase extends Dexie {
  declare batches: Table<BatchRow, string>;
  declare schemes: Table<SchemeRow, string>;
  declare copies: Table<CopyRow, string>;
  declare scans: Table<ScanRow, string>;
  declare partials: Table<PartialRow, string>;
  declare grades: Table<GradeRow, string>;
  declare outbox: Table<OutboxRow, string>;
  declare ocr: Table<OcrRow, [string, number, number]>;
  declare kv: Table<KeyValueRow, string>;
  declare pageViews: Table<PageViewRow, string>;
  declare reports: Table<ReportRow, string>;
  declare commentBank: Table<CommentBankRow, string>;
  declare markingTimes: Table<MarkingTimeRow, string>;
  declare conflicts: Table<ConflictRow, string>;
  declare ocrChecks: Table<OcrCheckRow, [string, number]>;

  /**
   * Declares the schema without opening the database: Dexie opens it on the
   * first query. `versions` is there for migration tests.
   */
  constructor(
    name = DEFAULT_DATABASE_NAME,
    versions: readonly SchemaVersion[] = SCHEMA_VERSIONS,
  ) {
    super(name);

    for (const { version, stores, upgrade } of versions) {
      const declared = this.version(version).stores(stores);
      if (upgrade) {
        declared.upgrade(upgrade);
      }
    }
  }
}
