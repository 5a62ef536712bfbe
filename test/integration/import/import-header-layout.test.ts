/**
 * The optional `headerLayout` of `sitting.json`: stored with the sitting,
 * with every field filled in, or rejected with each problem at its field.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { ImportError } from '../../../server/import/import-problem';
import { importSitting } from '../../../server/import/import-sitting';
import { FileScanStorage } from '../../../server/storage/file-storage';
import { DEFAULT_HEADER_LAYOUT } from '../../../shared/ocr/header-layout';
import { CUSTOM_HEADER_LAYOUT } from '../../support/custom-header-layout';
import {
  createTestDatabase,
  testDialects,
  type TestDatabase,
} from '../../support/test-database';
import {
  createSittingFolder,
  validSitting,
  type SittingFolder,
} from './support/sitting-folder';
import { countRows, EMPTY_TABLES, listFiles } from './support/stored-state';

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(
    `header layout import on ${dialect}`,
    () => {
      let database: TestDatabase;
      let storageRoot: string;
      let folder: SittingFolder;

      beforeEach(async () => {
        database = await createTestDatabase(dialect);
        storageRoot = await mkdtemp(path.join(tmpdir(), 'copydesk-scans-'));
        folder = await createSittingFolder();
      });

      afterEach(async () => {
        await database.cleanup();
        await rm(storageRoot, { recursive: true, force: true });
        await folder.remove();
      });

      const importFolder = (document: unknown) =>
        folder.writeDocument(document).then(() =>
          importSitting(folder.folder, {
            db: database.handle,
            storage: new FileScanStorage(storageRoot),
          }),
        );

      const storedLayout = async (): Promise<unknown> => {
        const row = await database.handle.db
          .selectFrom('sittings')
          .select('header_layout')
          .executeTakeFirstOrThrow();
        return row.header_layout === null
          ? null
          : JSON.parse(row.header_layout);
      };

      test('custom layout stored', async () => {
        await importFolder({
          ...validSitting(),
          headerLayout: CUSTOM_HEADER_LAYOUT,
        });

        expect(await storedLayout()).toEqual(CUSTOM_HEADER_LAYOUT);
      });

      test('partial layout stored with defaults', async () => {
        await importFolder({
          ...validSitting(),
          headerLayout: {
            labelPattern: CUSTOM_HEADER_LAYOUT.labelPattern,
          },
        });

        expect(await storedLayout()).toEqual({
          ...DEFAULT_HEADER_LAYOUT,
          labelPattern: CUSTOM_HEADER_LAYOUT.labelPattern,
        });
      });

      test('no layout stored as null', async () => {
        await importFolder(validSitting());

        expect(await storedLayout()).toBeNull();
      });

      test('invalid layout rejected with every problem', async () => {
        const error = await importFolder({
          ...validSitting(),
          headerLayout: {
            ...CUSTOM_HEADER_LAYOUT,
            band: { left: 0, top: 0, right: 1.5, bottom: 0.2 },
            anonymousCodePattern: 'Code candidat : (\\w+)',
            pageNumberPattern: 'Feuillet (?<number>\\d+',
            labels: ['Code candidat', 'Feuillets'],
          },
        }).catch((caught: unknown) => caught);

        expect(error).toBeInstanceOf(ImportError);
        const problems = (error as ImportError).problems;
        expect(problems.map((problem) => problem.where)).toEqual([
          'headerLayout.labels',
          'headerLayout.band',
          'headerLayout.anonymousCodePattern',
          'headerLayout.pageNumberPattern',
        ]);
        expect(problems[2]?.message).toContain('has no named group "code"');
        expect((error as ImportError).message).toContain(
          'headerLayout.pageNumberPattern: is not a valid regular expression',
        );
        expect(await countRows(database.handle.db)).toEqual(EMPTY_TABLES);
        expect(await listFiles(storageRoot)).toEqual([]);
      });
    },
  );
}
