/**
 * `npx tsx bench/download/profile-app.ts`: records a CPU profile of the
 * app's page during one batch download and prints where its main thread
 * spent the time. The app is built without minifying, so functions keep
 * their names, and the profile is written to bench/results/ for the
 * Performance panel of Chrome DevTools.
 *
 * The profiler slows the page, so its times only compare functions with
 * each other; `npm run bench:download` measures the download itself.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { build, type UserConfig } from 'vite';

import electronViteConfig from '../../electron.vite.config';
import { appHookScript, type AppHookResult } from './app-hook';
import { launchChromium } from './browser-session';
import { prepareClientFolder } from './client-folder';
import { RESULT_PATH, startDownloadServer } from './download-server';
import { summariseProfile, type CpuProfile } from './profile-summary';
import { loadOrGenerateSitting } from './sitting-cache';

const RESULTS_FOLDER = 'bench/results';
/** Sampling interval of the profiler, microseconds. */
const SAMPLING_INTERVAL_US = 500;

function progress(message: string): void {
  console.error(`profile-app: ${message}`);
}

/** Builds the renderer with the project's Vite settings, unminified, into `outDir`. */
async function buildUnminifiedApp(outDir: string): Promise<void> {
  const renderer = (electronViteConfig as { renderer: UserConfig }).renderer;
  await build({
    ...renderer,
    configFile: false,
    logLevel: 'warn',
    build: { ...renderer.build, outDir, emptyOutDir: true, minify: false },
  });
}

async function main(): Promise<void> {
  const runFolder = await mkdtemp(join(tmpdir(), 'copydesk-profile-app-'));
  process.once('exit', () =>
    rmSync(runFolder, { recursive: true, force: true }),
  );
  process.once('SIGINT', () => process.exit(130));

  progress('building the app without minifying');
  await buildUnminifiedApp(join(runFolder, 'app'));
  const sitting = await loadOrGenerateSitting(
    RESULTS_FOLDER,
    { copies: 150, pagesPerCopy: 8, dpi: 150 },
    progress,
  );
  await prepareClientFolder(join(runFolder, 'app'), join(runFolder, 'client'));
  progress('importing the sitting into a new SQLite database');
  const server = await startDownloadServer(
    sitting,
    join(runFolder, 'server'),
    join(runFolder, 'client'),
  );

  const chromium = await launchChromium(join(runFolder, 'profile'));
  try {
    const { page, cdp, disconnect } = await chromium.connect();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Identifiant').fill(sitting.username);
    await page.getByLabel('Mot de passe').fill(sitting.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: /^Télécharger/ }).waitFor();

    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', {
      interval: SAMPLING_INTERVAL_US,
    });
    const result = server.waitForPageResult(15 * 60_000);
    await cdp.send('Profiler.start');
    progress('downloading the batch with the profiler running');
    await page.evaluate(
      appHookScript({
        resultPath: RESULT_PATH,
        delayMs: 0,
        buttonPrefix: 'Télécharger',
      }),
    );
    const posted = (await result) as AppHookResult;
    const { profile } = await cdp.send('Profiler.stop');
    await disconnect();

    if ('error' in posted) {
      throw new Error(`The app's batch download failed: ${posted.error}`);
    }
    progress(
      `download ended after ${(posted.milliseconds / 1000).toFixed(1)} s: ${posted.line}`,
    );

    await mkdir(RESULTS_FOLDER, { recursive: true });
    const stamp = new Date()
      .toISOString()
      .replaceAll(':', '-')
      .replace(/\.\d+Z$/, 'Z');
    const file = resolve(RESULTS_FOLDER, `download-app-${stamp}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    process.stdout.write(`${summariseProfile(profile as CpuProfile)}\n`);
    progress(`profile written to ${file}`);
  } finally {
    await chromium.close();
    await server.close();
  }
}

await main();
