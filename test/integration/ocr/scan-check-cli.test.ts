/**
 * `npm run scan:check` as a child process, on generated copies and on
 * files it cannot read.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runScanCheck, type CliOutput } from '../../../server/cli/scan-check';
import { generateCopyPdf } from '../../../server/sample';

const ROOT = resolve(import.meta.dirname, '../../..');
const CORPUS = resolve(ROOT, process.env.COPYDESK_CORPUS ?? '../shared/corpus');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command as `npm run scan:check` does and returns its exit code and output. */
function scanCheck(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      'npx',
      ['tsx', 'server/cli/scan-check.ts', ...args],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : Number(error.code ?? -1);
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Runs the command in this process, which saves the start-up of a child process. */
async function scanCheckHere(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const errors: string[] = [];
  const output: CliOutput = {
    out: (line) => out.push(line),
    error: (line) => errors.push(line),
  };
  const code = await runScanCheck(args, output);
  return { code, stdout: out.join('\n'), stderr: errors.join('\n') };
}

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'copydesk-scan-check-'));
  await writeFile(
    join(folder, 'A000005057.pdf'),
    await generateCopyPdf({ anonymousCode: 'A000005057', pageCount: 2 }),
  );
  await writeFile(
    join(folder, 'A000006001.pdf'),
    await generateCopyPdf({
      anonymousCode: 'A000006001',
      pageCount: 3,
      seed: 9,
      anomalies: [
        { kind: 'blank-page', page: 2 },
        { kind: 'wrong-copy', page: 3 },
      ],
    }),
  );
  await writeFile(join(folder, 'notes.pdf'), 'these are not scans\n');
  await writeFile(join(folder, 'empty.pdf'), '');
  await writeFile(
    join(folder, 'layout.json'),
    JSON.stringify({ band: { left: 0, top: 0, right: 1.5, bottom: 0.2 } }),
  );
  await writeFile(join(folder, 'broken.json'), '{"band": ');
}, 60_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('scan:check', () => {
  it('reports a clean copy and findings', async () => {
    const run = await scanCheck(
      join(folder, 'A000005057.pdf'),
      join(folder, 'A000006001.pdf'),
    );
    const [clean, defective] = run.stdout.split(/\n(?=\S)/);

    expect(run.code).toBe(1);
    expect(clean).toMatch(/1\s+A000005057\s+1 \/ 2\s+no\s+upright/);
    expect(clean).toMatch(/2\s+A000005057\s+2 \/ 2\s+no\s+upright/);
    expect(clean).toContain('expected code: A000005057 (read on most pages)');
    expect(clean).toMatch(/\n {2}OK$/);
    expect(defective).toMatch(/2\s+-\s+-\s+yes\s+-/);
    expect(defective).toContain('- page 2: blank page');
    expect(defective).toContain(
      '- page 3: anonymous code A000006002 instead of A000006001',
    );
    expect(run.stderr).toBe('');
  });

  it('exits 0 on a clean copy', async () => {
    const run = await scanCheckHere(join(folder, 'A000005057.pdf'));

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('OK');
  });

  it('compares with --code', async () => {
    const run = await scanCheckHere(
      '--json',
      '--code',
      'A000009999',
      join(folder, 'A000005057.pdf'),
    );
    const report = JSON.parse(run.stdout);

    expect(run.code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.files[0].expectedCodeSource).toBe('given');
    expect(report.files[0].findings).toEqual([
      expect.objectContaining({
        kind: 'wrong-copy',
        pages: [1, 2],
        anonymousCode: 'A000005057',
      }),
    ]);
    expect(report.files[0].pages).toHaveLength(2);
  });

  it('rejects a missing file', async () => {
    const missing = join(folder, 'A000000000.pdf');
    const run = await scanCheck(missing);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${missing} is missing (no such file)`);
  });

  it('rejects a file that is not a PDF', async () => {
    const run = await scanCheck(join(folder, 'notes.pdf'));

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('notes.pdf is not a PDF file');
  });

  it('rejects an empty file', async () => {
    const run = await scanCheckHere(join(folder, 'empty.pdf'));

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('empty.pdf is empty (0 bytes)');
  });

  it('rejects an encrypted PDF', async (context) => {
    const encrypted = join(CORPUS, 'pdfjs__pr6531_1.pdf');
    try {
      await copyFile(encrypted, join(folder, 'encrypted.pdf'));
    } catch {
      context.skip(
        `corpus file missing: ${encrypted} (set COPYDESK_CORPUS to the corpus folder)`,
      );
    }
    const run = await scanCheck(join(folder, 'encrypted.pdf'));

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('encrypted.pdf is encrypted with a password');
  });

  it('rejects an invalid --layout', async () => {
    const run = await scanCheck(
      '--layout',
      join(folder, 'layout.json'),
      join(folder, 'A000005057.pdf'),
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'band is invalid: every edge must be from 0 to 1',
    );
    expect(run.stdout).toBe('');
  });

  it('checks the other files past an unreadable one', async () => {
    const run = await scanCheckHere(
      '--json',
      join(folder, 'notes.pdf'),
      join(folder, 'A000005057.pdf'),
    );
    const report = JSON.parse(run.stdout);

    expect(run.code).toBe(2);
    expect(report.files[0].error).toContain('is not a PDF file');
    expect(report.files[1].ok).toBe(true);
  });

  it.each([
    [['--layout', 'broken.json', 'A000005057.pdf'], 'is not valid JSON'],
    [['--layout', 'none.json', 'A000005057.pdf'], 'none.json cannot be read'],
    [['--dpi', '50', 'A000005057.pdf'], 'Invalid --dpi: "50"'],
    [['--workers', '0', 'A000005057.pdf'], 'Invalid --workers: "0"'],
    [['--code', ' ', 'A000005057.pdf'], 'Invalid --code: it is empty'],
    [['--colour', 'A000005057.pdf'], "Unknown option '--colour'"],
    [[], 'Missing <file.pdf>'],
  ])('rejects arguments %j', async (args, message) => {
    const run = await scanCheckHere(
      ...args.map((arg) => (arg.endsWith('.json') ? join(folder, arg) : arg)),
    );

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('prints its help', async () => {
    const run = await scanCheck('--help');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npm run scan:check -- <file.pdf>...');
  });
});
