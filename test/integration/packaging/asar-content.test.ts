/**
 * Packages the app with electron-builder for Linux as a plain folder
 * (`--linux dir`) and checks what the installers would ship.
 *
 * The test downloads nothing, so `electronDist` points at a folder that
 * contains a stub executable named `electron`: on Linux,
 * electron-builder copies that folder and renames `electron` to the
 * executable name (app-builder-lib 26.18.1, `ElectronFramework.js`). The
 * stub carries a fuse wire, so the afterPack hook flips real fuses.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { ELECTRON_FUSES } from '../../../build/fuses';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BUILDER_CLI = path.join(ROOT, 'node_modules/electron-builder/cli.js');
const NETWORK_GUARD = path.join(
  import.meta.dirname,
  'support/network-guard.mjs',
);

// The executable name electron-builder derives from package.json's name.
const EXECUTABLE = 'copydesk';

// Files left out of the size budget: the OCR engine and its language data
// (under out/renderer/ocr/), and pdf.js.
const OUTSIDE_BUDGET = [/^out\/renderer\/ocr\//, /\/[^/]*pdf[^/]*$/];
const SIZE_BUDGET_BYTES = 15 * 1024 * 1024;

// Server packages and development tools that must never be in app.asar.
const FORBIDDEN_PACKAGES = [
  'fastify',
  '@fastify',
  'kysely',
  'pg',
  'better-sqlite3',
  '@aws-sdk',
  'pdfjs-dist',
  'tsx',
  'pino',
  'vitest',
  'electron-vite',
];

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_DISABLED = 0x30;
const FUSE_ENABLED = 0x31;

interface RunResult {
  code: number | null;
  output: string;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Writes a stub that electron-builder takes for the Electron executable. */
async function writeStubElectron(folder: string): Promise<void> {
  const fuseCount = Object.keys(ELECTRON_FUSES).length;
  const stub = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub Electron for packaging tests"\n'),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, fuseCount]),
    Buffer.alloc(fuseCount, FUSE_DISABLED),
  ]);
  const executable = path.join(folder, 'electron');
  await writeFile(executable, stub);
  await chmod(executable, 0o755);
}

interface Packaged {
  resources: string;
  archive: string;
  files: string[];
  packageJson: Record<string, unknown>;
  output: string;
}

/** Runs `electron-builder --linux dir` offline, with extra -c options. */
async function packageApp(
  workFolder: string,
  name: string,
  extraArgs: string[],
): Promise<Packaged> {
  const outputFolder = path.join(workFolder, name);
  const networkLog = path.join(workFolder, `${name}-network.log`);
  const stubFolder = path.join(workFolder, 'electron-stub');

  const result = await run(
    process.execPath,
    [
      BUILDER_CLI,
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${stubFolder}`,
      `-c.directories.output=${outputFolder}`,
      ...extraArgs,
    ],
    {
      ...process.env,
      NODE_OPTIONS: `--import ${pathToFileURL(NETWORK_GUARD).href}`,
      COPYDESK_NETWORK_LOG: networkLog,
      // Anything that loads the `electron` package gets the stub, not a
      // download.
      ELECTRON_OVERRIDE_DIST_PATH: stubFolder,
    },
  );

  const attempts = existsSync(networkLog)
    ? await readFile(networkLog, 'utf8')
    : '';
  expect(attempts, 'network access during packaging').toBe('');
  expect(result.code, result.output).toBe(0);

  const resources = path.join(outputFolder, 'linux-unpacked/resources');
  const archive = path.join(resources, 'app.asar');
  const files = listPackage(archive, { isPack: false }).map((file) =>
    file.replace(/^\//, ''),
  );
  const packageJson = JSON.parse(
    extractFile(archive, 'package.json').toString('utf8'),
  ) as Record<string, unknown>;
  return { resources, archive, files, packageJson, output: result.output };
}

describe('app.asar of a Linux build', () => {
  let workFolder: string;
  let packaged: Packaged;
  let msiPackaged: Packaged;

  beforeAll(async () => {
    const build = await run('npm', ['run', 'build']);
    expect(build.code, build.output).toBe(0);

    workFolder = await mkdtemp(path.join(tmpdir(), 'copydesk-packaging-'));
    const stubFolder = path.join(workFolder, 'electron-stub');
    await mkdir(stubFolder);
    await writeStubElectron(stubFolder);

    packaged = await packageApp(workFolder, 'default', []);
    // The same option as `npm run dist:win:msi`, on a Linux folder build.
    msiPackaged = await packageApp(workFolder, 'msi', [
      '-c.extraMetadata.copydeskDistribution=msi',
    ]);
  }, 240_000);

  afterAll(async () => {
    if (workFolder !== undefined) {
      await rm(workFolder, { recursive: true, force: true });
    }
  });

  it('contains main, preload and renderer', () => {
    expect(packaged.files).toContain('package.json');
    expect(packaged.files).toContain('out/main/main.js');
    expect(packaged.files).toContain('out/preload/preload.cjs');
    expect(packaged.files).toContain('out/renderer/index.html');
    expect(packaged.packageJson.main).toBe('out/main/main.js');
  });

  it('contains the OCR engine and its languages', () => {
    // OCR runs with no network, so the app must carry every file it loads.
    for (const file of [
      'worker.min.js',
      'tesseract-core-lstm.wasm.js',
      'tesseract-core-simd-lstm.wasm.js',
      'tesseract-core-relaxedsimd-lstm.wasm.js',
      'fra.traineddata.gz',
      'eng.traineddata.gz',
    ]) {
      expect(packaged.files).toContain(`out/renderer/ocr/${file}`);
    }
  });

  it('contains no source, test or server file', () => {
    const unexpected = packaged.files.filter(
      (file) =>
        /^(server|test|shared|main|renderer|bench|deploy|build)\//.test(file) ||
        /\.(ts|tsx|map)$/.test(file) ||
        file.includes('node_modules'),
    );
    expect(unexpected).toEqual([]);
    expect(existsSync(`${packaged.archive}.unpacked`)).toBe(false);
  });

  it('contains no server or development package', () => {
    for (const name of FORBIDDEN_PACKAGES) {
      const matches = packaged.files.filter((file) =>
        file.split('/').includes(name),
      );
      expect(matches, name).toEqual([]);
    }

    // The main bundle must not have pulled server code in either.
    const main = extractFile(packaged.archive, 'out/main/main.js').toString();
    for (const marker of ['fastify', 'kysely', 'better-sqlite3', '@aws-sdk']) {
      expect(main.includes(marker), marker).toBe(false);
    }
  });

  it('stays within its size budget', () => {
    let total = 0;
    for (const file of packaged.files) {
      if (OUTSIDE_BUDGET.some((pattern) => pattern.test(file))) {
        continue;
      }
      const entry = statFile(packaged.archive, file) as { size?: number };
      total += entry.size ?? 0;
    }
    console.info(
      `app.asar without OCR and pdf.js files: ${(total / 1024 / 1024).toFixed(2)} MB`,
    );
    expect(total).toBeLessThan(SIZE_BUDGET_BYTES);
  });

  it('ships a package.json without development fields', () => {
    expect(packaged.packageJson).not.toHaveProperty('devDependencies');
    expect(packaged.packageJson).not.toHaveProperty('scripts');
    expect(packaged.packageJson).not.toHaveProperty('copydeskDistribution');
    expect(packaged.packageJson.name).toBe('copydesk');
  });

  it('marks the MSI run in package.json', () => {
    expect(msiPackaged.packageJson.copydeskDistribution).toBe('msi');
    // The option adds a key and keeps the configuration's extraMetadata.
    expect(msiPackaged.packageJson.author).toEqual(packaged.packageJson.author);
    expect(msiPackaged.files).toEqual(packaged.files);
  });

  it('writes the placeholder update address', async () => {
    const text = await readFile(
      path.join(packaged.resources, 'app-update.yml'),
      'utf8',
    );
    const updateConfig = parse(text) as Record<string, unknown>;

    expect(updateConfig.provider).toBe('generic');
    expect(updateConfig.url).toBe('https://updates.copydesk.invalid/');
  });

  it('flips the fuses of the executable', async () => {
    const executable = path.join(path.dirname(packaged.resources), EXECUTABLE);
    const wire = await getCurrentFuseWire(executable);

    for (const [index, enabled] of Object.entries(ELECTRON_FUSES)) {
      const fuse = Number(index) as FuseV1Options;
      const expected = enabled ? FUSE_ENABLED : FUSE_DISABLED;
      expect(wire[fuse], FuseV1Options[fuse]).toBe(expected);
    }
  });
});
