/**
 * `npm run bench:viewer`: measures the scan viewer's page turns and first
 * pages in Chromium, beside pdf.js alone in a bare page. `--help` lists
 * the options; docs/benchmarks.md describes the method and records the
 * figures.
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { chromium } from '@playwright/test';

import { SITTING_FILE, type SittingDocument } from '../../server/sample/index';
import {
  CHROMIUM_LAUNCH_OPTIONS,
  CHROMIUM_PATH,
} from '../../test/e2e/support/chromium';
import { createRunFolder } from '../common/run-folder';
import { startDownloadServer } from '../download/download-server';
import {
  loadOrGenerateSitting,
  type CachedSitting,
} from '../download/sitting-cache';
import { describeMachine } from '../server/machine';
import { readOptionsOrExit } from '../common/options';
import { viewerProbeScript } from './app-probe';
import {
  BARE_PAGE_PATH,
  HARNESS_PATH,
  prepareClientFolder,
} from './client-folder';
import { measureApp } from './measure-app';
import { measureBare } from './measure-bare';
import { measureHarness } from './measure-harness';
import { HELP, parseOptions, type ViewerBenchOptions } from './options';
import {
  formatMarkdown,
  summarise,
  type ResolutionResult,
  type ViewerBenchReport,
} from './report';
import { writeJsonReport } from '../common/json-report';

const execFileAsync = promisify(execFile);

function progress(message: string): void {
  console.error(`bench:viewer: ${message}`);
}

async function readVersion(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args);
    return stdout.trim();
  } catch (error) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${(error as Error).message}): install Debian's chromium package (apt-get install chromium)`,
    );
  }
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

/** Returns the PDFs of the sitting's first batch, in anonymous-code order. */
async function batchPdfs(sitting: CachedSitting): Promise<string[]> {
  const document = JSON.parse(
    await readFile(join(sitting.folder, SITTING_FILE), 'utf8'),
  ) as SittingDocument;
  const copies = [...(document.batches[0]?.copies ?? [])].sort((a, b) =>
    a.anonymousCode.localeCompare(b.anonymousCode),
  );
  return copies.map((copy) => join(sitting.folder, copy.file));
}

async function measureResolution(
  options: ViewerBenchOptions,
  dpi: 150 | 300,
  clientFolder: string,
  runFolder: string,
): Promise<ResolutionResult> {
  const sitting = await loadOrGenerateSitting(
    options.outFolder,
    { copies: options.copies, pagesPerCopy: options.pages, dpi },
    progress,
  );
  const pdfs = await batchPdfs(sitting);
  progress(
    `${dpi} dpi: ${sitting.copies} copies, ${(sitting.totalBytes / 1e6).toFixed(1)} MB of scans; importing`,
  );
  const server = await startDownloadServer(
    sitting,
    join(runFolder, `server-${dpi}`),
    clientFolder,
  );

  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  try {
    const context = await browser.newContext({
      viewport: { width: options.width, height: options.height },
      deviceScaleFactor: options.pixelRatio,
    });
    await context.addInitScript({ content: viewerProbeScript() });

    progress(`${dpi} dpi: opening copies and turning pages in the app`);
    const app = await measureApp({
      page: await context.newPage(),
      server,
      sitting,
      copies: options.copies,
      pagesPerCopy: options.pages,
    });

    progress(`${dpi} dpi: the same pages in the bare pdf.js page`);
    const bare = await measureBare(
      await context.newPage(),
      `${server.url}/${BARE_PAGE_PATH}`,
      pdfs.slice(0, options.copies),
      options.pages,
      app.canvas,
    );

    progress(`${dpi} dpi: the same pages in the viewer alone`);
    const harness = await measureHarness(
      await context.newPage(),
      `${server.url}/${HARNESS_PATH}`,
      pdfs.slice(0, options.copies),
      options.pages,
    );

    let bytes = 0;
    for (const pdf of pdfs.slice(0, options.copies)) {
      bytes += (await stat(pdf)).size;
    }
    return {
      dpi,
      meanCopyBytes: bytes / options.copies,
      app,
      bare,
      harness,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const options = readOptionsOrExit('bench:viewer', parseOptions, HELP);
  if (options === null) {
    return;
  }

  const runFolder = await createRunFolder('copydesk-bench-viewer-');

  const startedAt = new Date().toISOString();
  const machine = describeMachine();
  const chromiumVersion = await readVersion(CHROMIUM_PATH, ['--version']);
  const clientFolder = join(runFolder, 'client');
  await prepareClientFolder(resolve(options.appFolder), clientFolder);

  const results: ResolutionResult[] = [];
  for (const dpi of options.dpis) {
    results.push(
      await measureResolution(options, dpi, clientFolder, runFolder),
    );
  }

  const args = process.argv.slice(2);
  const report: ViewerBenchReport = {
    startedAt,
    command:
      args.length === 0
        ? 'npm run bench:viewer'
        : ['npm run bench:viewer --', ...args].join(' '),
    commit: await readCommit(),
    options,
    machine,
    chromium: chromiumVersion,
    summaries: results.map(summarise),
    results,
  };
  process.stdout.write(`${formatMarkdown(report)}\n`);
  const file = await writeJsonReport(options.outFolder, 'viewer', report);
  progress(`raw results written to ${file}`);
}

await main();
