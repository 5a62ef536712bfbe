import { execFile } from 'node:child_process';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { runImport } from '../../../server/cli/import';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../support/test-database';
import { makeEncryptedPdf } from './support/pdf-files';
import {
  createSittingFolder,
  type SittingFolder,
} from './support/sitting-folder';
import { countRows, EMPTY_TABLES, listFiles } from './support/stored-state';

const execFileAsync = promisify(execFile);

describe('server:import command', () => {
  let database: TestDatabase;
  let storageRoot: string;
  let folder: SittingFolder;
  let env: NodeJS.ProcessEnv;
  let out: string[];
  let errors: string[];
  const output = {
    out: (line: string) => out.push(line),
    error: (line: string) => errors.push(line),
  };

  beforeEach(async () => {
    database = await createTestDatabase('sqlite', { migrate: false });
    storageRoot = await mkdtemp(path.join(tmpdir(), 'copydesk-scans-'));
    folder = await createSittingFolder();
    env = { DATABASE_URL: database.url, SCAN_STORAGE: `file:${storageRoot}` };
    out = [];
    errors = [];
  });

  afterEach(async () => {
    await database.cleanup();
    await rm(storageRoot, { recursive: true, force: true });
    await folder.remove();
  });

  test('valid folder imported with exit 0', async () => {
    const code = await runImport([folder.folder], env, output);

    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(out.filter((line) => line.startsWith('Checked '))).toHaveLength(5);
    expect(out.filter((line) => line.startsWith('Stored '))).toHaveLength(5);
    expect(out).toContainEqual(
      expect.stringMatching(
        /^Imported "Baccalauréat 2026, philosophie" as sitting [0-9a-f-]{36}: 5 copies, 9 pages, \d+ bytes of scans\.$/,
      ),
    );
    expect(out).toContainEqual(
      expect.stringMatching(/^ {2}chef \(supervisor, new account\): /),
    );
    expect(out).toContainEqual(
      expect.stringMatching(/^ {2}Lot 13 for bbernard, 2 copies: /),
    );
    expect((await countRows(database.handle.db)).copies).toBe(5);
    expect(await listFiles(storageRoot)).toHaveLength(5);
  });

  test('invalid folder rejected with exit 1', async () => {
    await folder.writeFile('A000005057.pdf', makeEncryptedPdf('secret'));
    await unlink(path.join(folder.folder, 'B000000001.pdf'));

    const code = await runImport([folder.folder], env, output);

    expect(code).toBe(1);
    expect(errors[0]).toBe(
      `Nothing was imported: ${folder.folder} has 2 problems.`,
    );
    expect(errors[1]).toBe(
      '  batches[0].copies[0].file: A000005057.pdf is password protected: export the scan without a password and import again',
    );
    expect(errors[2]).toContain(
      '  batches[1].copies[0].file: B000000001.pdf is not in the import folder',
    );
    expect(await countRows(database.handle.db)).toEqual(EMPTY_TABLES);
    expect(await listFiles(storageRoot)).toEqual([]);
  });

  test.each([
    [[], 'the folder to import is missing'],
    [['a', 'b'], 'expected one folder, got 2: a b'],
    [['/no/such/folder'], '/no/such/folder is not a folder'],
    [['--pdf-timeout', '0', '.'], 'invalid --pdf-timeout "0"'],
    [['--pdf-readers', 'many', '.'], 'invalid --pdf-readers "many"'],
    [['--verbose', '.'], "Unknown option '--verbose'"],
  ])('arguments %j rejected with exit 2', async (argv, message) => {
    const code = await runImport(argv, env, output);

    expect(code).toBe(2);
    expect(errors[0]).toContain(message);
    expect(out).toEqual([]);
  });

  test('invalid setting rejected with exit 2', async () => {
    const code = await runImport(
      [folder.folder],
      { ...env, SCAN_STORAGE: 'ftp://scans' },
      output,
    );

    expect(code).toBe(2);
    expect(errors[0]).toContain('Invalid SCAN_STORAGE "ftp://scans"');
  });

  test('help printed by the npm script entry', async () => {
    const { stdout } = await execFileAsync(
      'npx',
      ['tsx', 'server/cli/import.ts', '--help'],
      { cwd: path.resolve(import.meta.dirname, '../../..') },
    );

    expect(stdout).toContain('Usage: npm run server:import -- <folder>');
    expect(stdout).toContain('Exit codes: 0 imported, 1 nothing imported');
  });
});
