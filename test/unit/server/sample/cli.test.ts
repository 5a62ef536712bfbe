import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'copydesk-cli-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function runCli(...args: string[]) {
  return spawnSync('npx', ['tsx', 'server/sample/cli.ts', ...args], {
    encoding: 'utf8',
  });
}

describe('sample command line', () => {
  it('writes a sitting and lists the accounts', async () => {
    const out = join(folder, 'sitting');
    const result = runCli(
      '--out',
      out,
      '--copies',
      '1',
      '--pages',
      '1',
      '--graders',
      '1',
    );

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Wrote ${out}/sitting.json`);
    expect(result.stdout).toContain('chef  demo-password-2  (supervisor)');
    expect((await readdir(out)).sort()).toHaveLength(3);
  });

  it('explains every option in --help', () => {
    const result = runCli('--help');

    expect(result.status).toBe(0);
    for (const option of ['--out', '--copies', '--pages', '--dpi', '--seed']) {
      expect(result.stdout).toContain(option);
    }
    expect(result.stdout).toContain('dots per inch (default 150)');
  });

  it.each([
    [['--copies', '2'], /Missing --out/],
    [['--out', 'x', '--dpi', '200'], /Invalid --dpi: "200"\. Use 150 or 300/],
    [['--out', 'x', '--pages', 'two'], /Invalid --pages: "two"/],
    [['--out', 'x', '--copies', '0'], /Invalid --copies: 0/],
    [['--out', 'x', '--colour'], /Unknown option '--colour'/],
  ])('exits 2 on %j', (args, message) => {
    const result = runCli(
      ...args.map((arg) => (arg === 'x' ? join(folder, 'x') : arg)),
    );

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
