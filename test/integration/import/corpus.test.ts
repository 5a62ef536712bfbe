/**
 * Imports the PDFs of the real-world corpus (test files of pdf.js) named by
 * COPYDESK_CORPUS, by default ../shared/corpus next to the repository. The
 * suite skips when that folder is absent.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { ImportError } from '../../../server/import/import-problem';
import { importSitting } from '../../../server/import/import-sitting';
import { FileScanStorage } from '../../../server/storage/file-storage';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../support/test-database';
import { validSitting } from './support/sitting-folder';

const CORPUS = path.resolve(
  import.meta.dirname,
  '../../..',
  process.env.COPYDESK_CORPUS ?? '../shared/corpus',
);

/** Page count of each corpus PDF that imports. */
const ACCEPTED: Record<string, number> = {
  'pdfjs__scan-bad.pdf': 1,
  'pdfjs__ccitt_EndOfBlock_false.pdf': 1,
  'pdfjs__bitmap-mmr.pdf': 1,
  'pdfjs__jbig2_symbol_offset.pdf': 1,
  'pdfjs__issue17147.pdf': 1,
  'pdfjs__hello_world_rotated.pdf': 5,
  'pdfjs__rotation.pdf': 2,
  'pdfjs__bug1942064.pdf': 1,
  'pdfjs__PDFBOX-4352-0.pdf': 1,
  'pdfjs__xref_command_missing.pdf': 1,
  'pdfjs__empty.pdf': 1,
};

/** Message of each corpus PDF that the import rejects. */
const REJECTED: Record<string, string> = {
  'pdfjs__REDHAT-1531897-0.pdf':
    'pdfjs__REDHAT-1531897-0.pdf is not a valid PDF (pdf.js: Invalid Root reference.): export the scan again and import again',
  'pdfjs__pr6531_1.pdf':
    'pdfjs__pr6531_1.pdf is password protected: export the scan without a password and import again',
};

const missing = [...Object.keys(ACCEPTED), ...Object.keys(REJECTED)].filter(
  (file) => !existsSync(path.join(CORPUS, file)),
);
const skipReason =
  missing.length === 0
    ? null
    : `corpus files missing from ${CORPUS} (set COPYDESK_CORPUS): ${missing.join(', ')}`;

if (skipReason !== null) {
  console.warn(`Corpus import tests skipped: ${skipReason}`);
}

describe.skipIf(skipReason !== null)('import of the PDF corpus', () => {
  let database: TestDatabase;
  let folder: string;
  let storageRoot: string;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    folder = await mkdtemp(path.join(tmpdir(), 'copydesk-corpus-'));
    storageRoot = await mkdtemp(path.join(tmpdir(), 'copydesk-scans-'));
  });

  afterEach(async () => {
    await database.cleanup();
    await rm(folder, { recursive: true, force: true });
    await rm(storageRoot, { recursive: true, force: true });
  });

  /** Copies `files` into the import folder, one copy each, in one batch. */
  const writeSitting = async (files: string[]) => {
    const document = validSitting();
    document.batches = [
      {
        grader: 'amartin',
        title: 'Corpus',
        deadline: '2026-07-03T18:00:00Z',
        copies: files.map((file, index) => ({
          anonymousCode: `C${String(index).padStart(4, '0')}`,
          file,
        })),
      },
    ];
    for (const file of files) {
      await copyFile(path.join(CORPUS, file), path.join(folder, file));
    }
    await writeFile(
      path.join(folder, 'sitting.json'),
      JSON.stringify(document),
    );
  };

  test('broken and encrypted files rejected by name', async () => {
    const files = [...Object.keys(ACCEPTED), ...Object.keys(REJECTED)];
    await writeSitting(files);

    const error = await importSitting(folder, {
      db: database.handle,
      storage: new FileScanStorage(storageRoot),
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ImportError);
    const messages = (error as ImportError).problems.map(
      (problem) => problem.message,
    );
    expect(messages).toEqual(Object.values(REJECTED));
  });

  test('readable files imported with page counts', async () => {
    const files = Object.keys(ACCEPTED);
    await writeSitting(files);

    await importSitting(folder, {
      db: database.handle,
      storage: new FileScanStorage(storageRoot),
    });

    const copies = await database.handle.db
      .selectFrom('copies')
      .select(['anonymous_code', 'page_count'])
      .orderBy('anonymous_code')
      .execute();
    expect(copies.map((copy) => copy.page_count)).toEqual(
      Object.values(ACCEPTED),
    );
  });
});
