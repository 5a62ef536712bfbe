/**
 * The client as an examiner uses it: the built web app opened at the
 * server's `/` in Chromium, signed in through its form, and the batch
 * downloaded with its button. The time runs from the press until the app
 * logs that the batch download ended.
 */
import { appHookScript, type AppHookResult } from './app-hook';
import { launchChromium, type LaunchedChromium } from './browser-session';
import { measurePageRun } from './page-run';
import { RESULT_PATH, type DownloadServer } from './download-server';
import { toMeasurement, type Measurement } from './measurement';
import type { CachedSitting } from './sitting-cache';

/**
 * The line the download engine logs when the batch download ends, with its
 * counts of copies.
 */
const ENDED_LINE =
  /^\[download\] batch download ended outcome="(\w+)" stored=(\d+) total=(\d+)/;

const DOWNLOAD_BUTTON_PREFIX = 'Télécharger';

export interface AppRunOptions {
  server: DownloadServer;
  sitting: CachedSitting;
  profileFolder: string;
  round: number;
  /** Keep Playwright connected during the download (see `browser-session.ts`). */
  attached: boolean;
  /** Maximum wait for the end of the download, milliseconds. */
  timeoutMs: number;
}

/** Downloads the batch through the app's screens on a new profile. */
export async function downloadWithApp(
  options: AppRunOptions,
): Promise<Measurement> {
  const { server, sitting } = options;
  const chromium = await launchChromium(options.profileFolder);
  try {
    const connection = await chromium.connect();
    const { page } = connection;
    page.setDefaultTimeout(60_000);
    await page.goto(`${server.url}/`);
    await page.getByLabel('Identifiant').fill(sitting.username);
    await page.getByLabel('Mot de passe').fill(sitting.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page
      .getByRole('button', { name: new RegExp(`^${DOWNLOAD_BUTTON_PREFIX}`) })
      .waitFor();

    const { result, usage } = await measurePageRun({
      chromium,
      connection,
      server,
      attached: options.attached,
      timeoutMs: options.timeoutMs,
      schedule: (delayMs) =>
        page.evaluate(
          appHookScript({
            resultPath: RESULT_PATH,
            delayMs,
            buttonPrefix: DOWNLOAD_BUTTON_PREFIX,
          }),
        ),
    });

    const posted = result as AppHookResult;
    if ('error' in posted) {
      throw new Error(`The app's batch download failed: ${posted.error}`);
    }
    const fields = ENDED_LINE.exec(posted.line);
    const [, outcome, copiesDone, copiesTotal] = fields ?? [];
    if (outcome !== 'completed' || Number(copiesDone) !== sitting.copies) {
      throw new Error(
        `The app's batch download ended with "${posted.line}", expected outcome="completed" and stored=${sitting.copies}`,
      );
    }
    await checkBatchShownOffline(chromium, sitting);

    return toMeasurement('app', options, usage, {
      milliseconds: posted.milliseconds,
      // Each stored copy passed the SHA-256 and size check, so every byte arrived.
      bodyBytes: sitting.totalBytes,
      copiesDone: Number(copiesDone),
      copiesTotal: Number(copiesTotal),
    });
  } finally {
    await chromium.close();
  }
}

/** Checks, untimed, that the batch card shows the batch as available offline. */
async function checkBatchShownOffline(
  chromium: LaunchedChromium,
  sitting: CachedSitting,
): Promise<void> {
  const connection = await chromium.connect();
  try {
    await connection.page
      .getByText('Disponible hors ligne')
      .first()
      .waitFor({ timeout: 10_000 });
  } catch (error) {
    throw new Error(
      `The app logged that ${sitting.copies} copies were stored, but its batch card does not read "Disponible hors ligne": ${(error as Error).message}`,
    );
  } finally {
    await connection.disconnect();
  }
}
