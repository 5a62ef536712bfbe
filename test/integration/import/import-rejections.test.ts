import { mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import {
  ImportError,
  type ImportProblem,
} from '../../../server/import/import-problem';
import {
  importSitting,
  type ImportOptions,
} from '../../../server/import/import-sitting';
import { FileScanStorage } from '../../../server/storage/file-storage';
import {
  createTestDatabase,
  testDialects,
  type TestDatabase,
} from '../../support/test-database';
import {
  makeEncryptedPdf,
  makePdf,
  makePdfWithoutPages,
  makePdfWithUnreadablePage,
  makeTruncatedRepairablePdf,
} from './support/pdf-files';
import {
  createSittingFolder,
  validSitting,
  type SittingDocument,
  type SittingFolder,
} from './support/sitting-folder';
import { countRows, EMPTY_TABLES, listFiles } from './support/stored-state';

/** Folders that cases create outside the import folder. */
const foldersToRemove: string[] = [];

interface RejectionCase {
  name: string;
  /** Breaks the valid folder, or its document before it is written. */
  arrange: (folder: SittingFolder, document: SittingDocument) => Promise<void>;
  options?: Partial<ImportOptions>;
  expected: { where: string; message: string[] };
}

const CASES: RejectionCase[] = [
  {
    name: 'unknown grader',
    arrange: async (_folder, document) => {
      setBatchGrader(document, 1, 'cdupont');
    },
    expected: {
      where: 'batches[1].grader',
      message: ['grader "cdupont" is not listed in graders'],
    },
  },
  {
    name: 'missing PDF',
    arrange: async (folder) => {
      await unlink(path.join(folder.folder, 'B000000002.pdf'));
    },
    expected: {
      where: 'batches[1].copies[1].file',
      message: ['B000000002.pdf is not in the import folder'],
    },
  },
  {
    name: 'empty PDF',
    arrange: (folder) => folder.writeFile('B000000002.pdf', ''),
    expected: {
      where: 'batches[1].copies[1].file',
      message: ['B000000002.pdf is empty (0 bytes)'],
    },
  },
  {
    name: 'PDF cut in half',
    arrange: async (folder) => {
      const whole = await makePdf(3);
      await folder.writeFile(
        'B000000002.pdf',
        whole.subarray(0, whole.length / 2),
      );
    },
    expected: {
      where: 'batches[1].copies[1].file',
      message: ['B000000002.pdf is truncated'],
    },
  },
  {
    name: 'truncated PDF that pdf.js repairs',
    arrange: (folder) =>
      folder.writeFile('B000000002.pdf', makeTruncatedRepairablePdf(0.75)),
    expected: {
      where: 'batches[1].copies[1].file',
      message: ['B000000002.pdf is truncated'],
    },
  },
  {
    name: 'password protected PDF',
    arrange: (folder) =>
      folder.writeFile('A000005057.pdf', makeEncryptedPdf('secret')),
    expected: {
      where: 'batches[0].copies[0].file',
      message: [
        'A000005057.pdf is password protected: export the scan without a password and import again',
      ],
    },
  },
  {
    name: 'file that is not a PDF',
    arrange: (folder) =>
      folder.writeFile('A000005057.pdf', 'Copie de A000005057, en texte.\n'),
    expected: {
      where: 'batches[0].copies[0].file',
      message: ['A000005057.pdf is not a PDF file'],
    },
  },
  {
    name: 'PDF with zero pages',
    arrange: async (folder) =>
      folder.writeFile('A000005057.pdf', await makePdfWithoutPages()),
    expected: {
      where: 'batches[0].copies[0].file',
      message: ['A000005057.pdf has no pages'],
    },
  },
  {
    name: 'PDF with unreadable page',
    arrange: (folder) =>
      folder.writeFile('A000005057.pdf', makePdfWithUnreadablePage()),
    expected: {
      where: 'batches[0].copies[0].file',
      message: ['A000005057.pdf page 2 cannot be read'],
    },
  },
  {
    name: 'PDF reading past time limit',
    arrange: async () => undefined,
    options: { pdfTimeoutMs: 1, pdfReaders: 1 },
    expected: {
      where: 'batches[0].copies[0].file',
      message: ['A000005057.pdf could not be read in time'],
    },
  },
  {
    name: 'duplicate anonymous code',
    arrange: async (_folder, document) => {
      copyAt(document, 1, 0).anonymousCode = 'A000005057';
    },
    expected: {
      where: 'batches[1].copies[0].anonymousCode',
      message: [
        'anonymous code "A000005057" is already used by batches[0].copies[0].anonymousCode',
      ],
    },
  },
  {
    name: 'step not dividing maxPoints',
    arrange: async (_folder, document) => {
      questionAt(document, 0).step = 0.3;
    },
    expected: {
      where: 'scheme.questions[0]',
      message: ['maxPoints 4 is not a whole number of steps of 0.3'],
    },
  },
  {
    name: 'duplicate question id',
    arrange: async (_folder, document) => {
      questionAt(document, 2).id = 'q1';
    },
    expected: {
      where: 'scheme.questions[2].id',
      message: ['question id "q1" is already used by scheme.questions[0].id'],
    },
  },
  {
    name: 'scheme without questions',
    arrange: async (_folder, document) => {
      document.scheme.questions = [];
    },
    expected: {
      where: 'scheme.questions',
      message: ['must list at least one item'],
    },
  },
  {
    name: 'file path leaving the folder',
    arrange: async (_folder, document) => {
      copyAt(document, 0, 1).file = '../A000005058.pdf';
    },
    expected: {
      where: 'batches[0].copies[1].file',
      message: ['"../A000005058.pdf" leads out of the import folder'],
    },
  },
  {
    name: 'absolute file path',
    arrange: async (_folder, document) => {
      copyAt(document, 0, 1).file = '/etc/passwd';
    },
    expected: {
      where: 'batches[0].copies[1].file',
      message: ['"/etc/passwd" is an absolute path'],
    },
  },
  {
    name: 'link to a file outside the folder',
    arrange: async (folder) => {
      const outside = await mkdtemp(path.join(tmpdir(), 'copydesk-outside-'));
      foldersToRemove.push(outside);
      const target = path.join(outside, 'elsewhere.pdf');
      await writeFile(target, await makePdf(1));
      await unlink(path.join(folder.folder, 'A000005058.pdf'));
      await symlink(target, path.join(folder.folder, 'A000005058.pdf'));
    },
    expected: {
      where: 'batches[0].copies[1].file',
      message: ['A000005058.pdf is a link to', 'outside the import folder'],
    },
  },
  {
    name: 'missing password',
    arrange: async (_folder, document) => {
      delete (document.graders[0] as { password?: string }).password;
    },
    expected: { where: 'graders[0].password', message: ['is missing'] },
  },
  {
    name: 'unknown role',
    arrange: async (_folder, document) => {
      (document.graders[2] as { role: string }).role = 'president';
    },
    expected: {
      where: 'graders[2].role',
      message: [
        '"president" is not allowed: use one of "grader", "supervisor"',
      ],
    },
  },
  {
    name: 'duplicate username',
    arrange: async (_folder, document) => {
      (document.graders[1] as { username: string }).username = 'amartin';
    },
    expected: {
      where: 'graders[1].username',
      message: ['username "amartin" is already used by graders[0].username'],
    },
  },
  {
    name: 'deadline not RFC 3339',
    arrange: async (_folder, document) => {
      (document.batches[0] as { deadline: string }).deadline =
        '03/07/2026 18:00';
    },
    expected: {
      where: 'batches[0].deadline',
      message: ['"03/07/2026 18:00" is not an RFC 3339 date and time'],
    },
  },
  {
    name: 'blank title',
    arrange: async (_folder, document) => {
      document.title = '   ';
    },
    expected: { where: 'title', message: ['must not be empty'] },
  },
  {
    name: 'misspelt property',
    arrange: async (_folder, document) => {
      Object.assign(document.batches[0] as object, { dealine: 'tomorrow' });
    },
    expected: {
      where: 'batches[0].dealine',
      message: ['is not a known property'],
    },
  },
];

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`import rejects on ${dialect}`, () => {
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
      for (const extra of foldersToRemove.splice(0)) {
        await rm(extra, { recursive: true, force: true });
      }
    });

    const importFolder = async (
      options: Partial<ImportOptions> = {},
    ): Promise<ImportProblem[]> => {
      const error = await importSitting(folder.folder, {
        db: database.handle,
        storage: new FileScanStorage(storageRoot),
        ...options,
      }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ImportError);
      expect(await countRows(database.handle.db)).toEqual(EMPTY_TABLES);
      expect(await listFiles(storageRoot)).toEqual([]);
      return (error as ImportError).problems;
    };

    test.each(CASES)('$name', async ({ arrange, options, expected }) => {
      const document = validSitting();
      await arrange(folder, document);
      await folder.writeDocument(document);

      const problems = await importFolder(options);

      const problem = problems.find((entry) => entry.where === expected.where);
      expect(problem, JSON.stringify(problems)).toBeDefined();
      for (const part of expected.message) {
        expect(problem?.message).toContain(part);
      }
    });

    test('every problem reported at once', async () => {
      const document = validSitting();
      setBatchGrader(document, 1, 'cdupont');
      copyAt(document, 1, 0).anonymousCode = 'A000005057';
      questionAt(document, 0).step = 0.3;
      await folder.writeDocument(document);
      await folder.writeFile('A000005058.pdf', makeEncryptedPdf('secret'));
      await unlink(path.join(folder.folder, 'B000000002.pdf'));

      const problems = await importFolder();

      expect(problems.map((problem) => problem.where)).toEqual([
        'scheme.questions[0]',
        'batches[1].grader',
        'batches[1].copies[0].anonymousCode',
        'batches[0].copies[1].file',
        'batches[1].copies[1].file',
      ]);
    });

    test('invalid JSON', async () => {
      await folder.writeFile(
        'sitting.json',
        '{\n  "title": "Bac"\n  "subject": "Philo"\n}',
      );

      const problems = await importFolder();

      expect(problems).toHaveLength(1);
      expect(problems[0]?.where).toBe('sitting.json');
      expect(problems[0]?.message).toContain('is not valid JSON');
      expect(problems[0]?.message).toContain('line 3');
    });

    test('missing sitting.json', async () => {
      await unlink(path.join(folder.folder, 'sitting.json'));

      const problems = await importFolder();

      expect(problems).toEqual([
        {
          where: 'sitting.json',
          message: expect.stringContaining(`not found in ${folder.folder}`),
        },
      ]);
    });
  });
}

function setBatchGrader(
  document: SittingDocument,
  batch: number,
  grader: string,
): void {
  (document.batches[batch] as { grader: string }).grader = grader;
}

function copyAt(
  document: SittingDocument,
  batch: number,
  copy: number,
): { anonymousCode: string; file: string } {
  const found = document.batches[batch]?.copies[copy];
  if (found === undefined) {
    throw new Error(`No copy ${copy} in batch ${batch}`);
  }
  return found;
}

function questionAt(
  document: SittingDocument,
  index: number,
): SittingDocument['scheme']['questions'][number] {
  const found = document.scheme.questions[index];
  if (found === undefined) {
    throw new Error(`No question ${index}`);
  }
  return found;
}
