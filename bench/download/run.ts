/**
 * `npm run bench:download`: measures the client's batch download in
 * Chromium beside curl fetching the same scans from the same server.
 * `--help` lists the options; docs/benchmarks.md describes the method and
 * records the figures.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { createRunFolder } from '../common/run-folder';
import { describeMachine } from '../server/machine';
import { readOptionsOrExit } from '../common/options';
import { CHROMIUM_PATH } from './browser-session';
import { prepareClientFolder } from './client-folder';
import { findCurl, hasGnuTime } from './curl-client';
import { startDownloadServer } from './download-server';
import { HELP, parseOptions, type DownloadBenchOptions } from './options';
import { formatMarkdown, summarise, type DownloadBenchReport } from './report';
import { writeJsonReport } from '../common/json-report';
import { runRounds } from './rounds';
import { loadOrGenerateSitting } from './sitting-cache';

const execFileAsync = promisify(execFile);

function progress(message: string): void {
  console.error(`bench:download: ${message}`);
}

async function findChromium(): Promise<string> {
  try {
    const { stdout } = await execFileAsync(CHROMIUM_PATH, ['--version']);
    return stdout.trim();
  } catch (error) {
    throw new Error(
      `${CHROMIUM_PATH} --version failed (${(error as Error).message}): install Debian's chromium package (apt-get install chromium)`,
    );
  }
}

function describeCommand(args: string[]): string {
  return args.length === 0
    ? 'npm run bench:download'
    : ['npm run bench:download --', ...args].join(' ');
}

/** Returns the checked-out commit, or null outside a git work tree. */
async function readCommit(): Promise<string | null> {
  try {
    const { stdout } = await execFileAsync('git', ['rev-parse', 'HEAD']);
    return stdout.trim();
  } catch {
    return null;
  }
}

async function runBenchmark(
  options: DownloadBenchOptions,
  runFolder: string,
): Promise<DownloadBenchReport> {
  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const chromium = await findChromium();
  const curl = await findCurl();
  if (curl === null) {
    throw new Error(
      'curl is not installed, and it is the reference of this benchmark: install it (apt-get install curl)',
    );
  }
  if (!hasGnuTime()) {
    progress(
      "GNU time is not installed, so curl's peak memory is not measured: install it (apt-get install time)",
    );
  }

  const sitting = await loadOrGenerateSitting(
    options.outFolder,
    { copies: options.copies, pagesPerCopy: options.pages, dpi: options.dpi },
    progress,
  );
  progress(
    `sitting ready: ${sitting.copies} copies, ${(sitting.totalBytes / 1e6).toFixed(0)} MB of scans`,
  );

  const clientFolder = join(runFolder, 'client');
  await prepareClientFolder(resolve(options.appFolder), clientFolder);

  progress('importing the sitting into a new SQLite database');
  const server = await startDownloadServer(
    sitting,
    join(runFolder, 'server'),
    clientFolder,
  );
  progress(
    `imported in ${(server.importMilliseconds / 1000).toFixed(0)} s, server listening at ${server.url}`,
  );

  try {
    const measurements = await runRounds({
      server,
      sitting,
      clients: options.clients,
      rounds: options.rounds,
      attachedRuns: options.attachedRuns,
      timeoutMs: options.timeout * 1000,
      workFolder: join(runFolder, 'work'),
      progress,
    });

    return {
      startedAt,
      command: describeCommand(process.argv.slice(2)),
      commit: await readCommit(),
      options,
      machine,
      chromium,
      curl,
      sitting: {
        copies: sitting.copies,
        pagesPerCopy: options.pages,
        dpi: options.dpi,
        bytes: sitting.totalBytes,
        importMilliseconds: Math.round(server.importMilliseconds),
      },
      summaries: summarise(measurements),
      measurements,
    };
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const options = readOptionsOrExit('bench:download', parseOptions, HELP);
  if (options === null) {
    return;
  }

  const runFolder = await createRunFolder('copydesk-bench-download-');

  const report = await runBenchmark(options, runFolder);
  process.stdout.write(`${formatMarkdown(report)}\n`);
  const file = await writeJsonReport(options.outFolder, 'download', report);
  progress(`raw results written to ${file}`);
}

await main();
