import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { runExport } from '../../../server/cli/export';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../support/test-database';
import { seedCopy, seedSitting } from './seed-grades';

const execFileAsync = promisify(execFile);

describe('server:export command', () => {
  let database: TestDatabase;
  let folder: string;
  let csv: string;
  let env: NodeJS.ProcessEnv;
  let out: string[];
  let errors: string[];
  const output = {
    out: (line: string) => out.push(line),
    error: (line: string) => errors.push(line),
  };

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    folder = await mkdtemp(path.join(tmpdir(), 'copydesk-export-'));
    csv = path.join(folder, 'notes.csv');
    env = { DATABASE_URL: database.url };
    out = [];
    errors = [];

    const batch = await seedSitting(database.handle.db, {
      id: 's1',
      title: 'Bac 2026',
      questions: [{ id: 'q1', label: 'Q1', maxPoints: 20, step: 0.25 }],
    });
    await seedCopy(database.handle.db, batch, {
      id: 'c1',
      code: 'A1',
      grade: { status: 'final', marks: { q1: 12.75 } },
    });
    await seedCopy(database.handle.db, batch, { id: 'c2', code: 'A2' });
  });

  afterEach(async () => {
    await database.cleanup();
    await rm(folder, { recursive: true, force: true });
  });

  test('row count printed with exit 0', async () => {
    const code = await runExport(['--out', csv], env, output);

    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([`Wrote 2 rows to ${csv}`]);
    expect(await readFile(csv, 'utf8')).toContain(
      'Bac 2026,Lot 12,amartin,A1,c1,final,12.75,12.75,',
    );
  });

  test('existing file rejected with exit 2', async () => {
    await writeFile(csv, 'keep me');

    const code = await runExport(['--out', csv], env, output);

    expect(code).toBe(2);
    expect(errors).toEqual([
      `server:export: ${csv} already exists: pass --force to replace it`,
    ]);
    expect(await readFile(csv, 'utf8')).toBe('keep me');
  });

  test('force replaces with exit 0', async () => {
    await writeFile(csv, 'old');

    const code = await runExport(['--out', csv, '--force'], env, output);

    expect(code).toBe(0);
    expect(await readFile(csv, 'utf8')).toContain('A2,c2');
  });

  test('unknown sitting rejected with exit 2', async () => {
    const code = await runExport(
      ['--out', csv, '--sitting', 'nope'],
      env,
      output,
    );

    expect(code).toBe(2);
    expect(errors[0]).toContain('No sitting has id "nope"');
  });

  test.each([
    [[], '--out <file.csv> is missing'],
    [['--out'], "Option '--out <value>' argument missing"],
    [['--out', 'x.csv', 'extra'], "Unexpected argument 'extra'"],
  ])('arguments %j rejected with exit 2', async (argv, message) => {
    const code = await runExport(argv, env, output);

    expect(code).toBe(2);
    expect(errors[0]).toContain(message);
  });

  test('help printed by the npm script entry', async () => {
    const { stdout } = await execFileAsync(
      'npx',
      ['tsx', 'server/cli/export.ts', '--help'],
      { cwd: path.resolve(import.meta.dirname, '../../..') },
    );

    expect(stdout).toContain(
      'Usage: npm run server:export -- --out <file.csv>',
    );
  });
});
