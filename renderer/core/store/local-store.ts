import type { KeyProvider } from '../crypto/key-provider';
import { RecordCipher } from '../crypto/record-cipher';
import { OcrStore } from '../ocr/ocr-store';
import { CopydeskDatabase, DEFAULT_DATABASE_NAME } from './database';
import { GradeStore } from './grades';
import { EncryptedScanStore } from './scan-store';
import { ServerGradeStore } from './server-grades';

/** The database and the stores that encrypt what they write to it. */
export interface LocalStore {
  db: CopydeskDatabase;
  scans: EncryptedScanStore;
  grades: GradeStore;
  serverGrades: ServerGradeStore;
  ocr: OcrStore;
  close(): void;
}

/**
 * Builds the local store over one database and one key. Nothing is opened
 * until the first query.
 */
export function createLocalStore(
  keys: KeyProvider,
  databaseName = DEFAULT_DATABASE_NAME,
): LocalStore {
  const db = new CopydeskDatabase(databaseName);
  const cipher = new RecordCipher(keys);

  return {
    db,
    scans: new EncryptedScanStore(db, cipher),
    grades: new GradeStore(db, cipher),
    serverGrades: new ServerGradeStore(db, cipher),
    ocr: new OcrStore(db, cipher),
    close: () => db.close(),
  };
}
