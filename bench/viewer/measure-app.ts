/**
 * The viewer as an examiner uses it: the web app signed in through its
 * form and the batch downloaded with its button. Then each copy is opened
 * from the local store and its pages turned with Page Down, each turn
 * after the viewer has rendered what it renders ahead. Every other copy
 * also gets a turn as soon as its page 1 shows.
 */
import type { Page } from '@playwright/test';

import type { DownloadServer } from '../download/download-server';
import type { CachedSitting } from '../download/sitting-cache';
import type { LongTask, OpenTiming, TurnTiming } from './app-probe';

export interface TurnRecord extends TurnTiming {
  copy: number;
  /** The page shown after the turn. */
  page: number;
  /** When the viewer had rendered everything it wants ahead, after the turn. */
  settled: number;
}

export interface OpenRecord extends OpenTiming {
  /** When the viewer had rendered everything it wants after the opening. */
  settled: number;
}

export interface AppMeasurements {
  opens: OpenRecord[];
  turns: TurnRecord[];
  /**
   * Turns to page 2 pressed as soon as page 1 is painted, while the viewer
   * still renders the rest of the copy.
   */
  earlyTurns: TurnTiming[];
  longTasks: LongTask[];
  /** Size of the page canvas in device pixels, for the bare page to match. */
  canvas: { width: number; height: number };
}

export interface AppRunOptions {
  page: Page;
  server: DownloadServer;
  sitting: CachedSitting;
  /** Copies opened and paged through; the batch must have as many. */
  copies: number;
  pagesPerCopy: number;
}

const SCAN_AREA = { name: 'Copie numérisée' };

/** Waits until the viewer has rendered every page and thumbnail it wants. */
async function waitUntilRendered(page: Page): Promise<void> {
  await page
    .getByRole('region', SCAN_AREA)
    .and(page.locator('[aria-busy="false"]'))
    .waitFor();
}

function copyHash(batchId: string, copyId: string): string {
  return `#/batches/${encodeURIComponent(batchId)}/copies/${encodeURIComponent(copyId)}`;
}

/** Signs in, downloads the batch, then opens copies and turns their pages. */
export async function measureApp(
  options: AppRunOptions,
): Promise<AppMeasurements> {
  const { page, server, sitting } = options;
  page.setDefaultTimeout(120_000);
  await page.goto(`${server.url}/`);
  await page.getByLabel('Identifiant').fill(sitting.username);
  await page.getByLabel('Mot de passe').fill(sitting.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: /^Télécharger/ }).click();
  await page.getByText('Disponible hors ligne').first().waitFor();

  // The first opening loads pdf.js and starts its worker: not measured.
  const copies = server.copies.slice(0, options.copies);
  await page.evaluate(
    (hash) => window.__viewerProbe!.open(hash),
    copyHash(server.batchId, copies[copies.length - 1]!.id),
  );
  await waitUntilRendered(page);

  const opens: OpenRecord[] = [];
  const turns: TurnRecord[] = [];
  const earlyTurns: TurnTiming[] = [];
  const turn = async (target: number): Promise<TurnTiming> => {
    const armed = page.evaluate(
      (expected) => window.__viewerProbe!.armTurn(expected),
      target,
    );
    // The listener is in place once this later evaluation has run.
    await page.evaluate(() => undefined);
    await page.keyboard.press('PageDown');
    return armed;
  };

  for (const [index, copy] of copies.entries()) {
    // Every other copy, page 2 is asked for as soon as page 1 shows.
    const early = index % 2 === 1;
    const opened = await page.evaluate(
      (hash) => window.__viewerProbe!.open(hash),
      copyHash(server.batchId, copy.id),
    );
    if (early) {
      earlyTurns.push(await turn(2));
    }
    await waitUntilRendered(page);
    const openSettled = await page.evaluate(() => performance.now());
    opens.push({ ...opened, settled: openSettled });

    for (let target = early ? 3 : 2; target <= options.pagesPerCopy; target++) {
      const timing = await turn(target);
      await waitUntilRendered(page);
      const settled = await page.evaluate(() => performance.now());
      turns.push({ ...timing, copy: index + 1, page: target, settled });
    }
  }

  const canvas = await page
    .getByRole('region', SCAN_AREA)
    .getByRole('img')
    .evaluate((element) => ({
      width: (element as HTMLCanvasElement).width,
      height: (element as HTMLCanvasElement).height,
    }));
  const longTasks = await page.evaluate(() => window.__viewerProbe!.longTasks);
  return { opens, turns, earlyTurns, longTasks, canvas };
}
