/**
 * The viewer alone: the test suite's viewer harness page, which mounts the
 * real ScanViewer without the marking workspace around it, turning the
 * same pages. Beside the app's figures it shows how much of a page turn's
 * main-thread work is the viewer's own.
 */
import { readFile } from 'node:fs/promises';

import type { Page } from '@playwright/test';

import type { TurnTiming } from './app-probe';

/** Opens each file of `pdfPaths` in the harness and turns every page. */
export async function measureHarness(
  page: Page,
  pageUrl: string,
  pdfPaths: readonly string[],
  pagesPerCopy: number,
): Promise<TurnTiming[]> {
  page.setDefaultTimeout(120_000);
  await page.goto(pageUrl);
  await page
    .locator('html[data-harness-ready="true"]')
    .waitFor({ state: 'attached' });
  const rendered = page
    .getByRole('region', { name: 'Copie numérisée' })
    .and(page.locator('[aria-busy="false"]'));

  const turns: TurnTiming[] = [];
  for (const path of pdfPaths) {
    const base64 = (await readFile(path)).toString('base64');
    await page.evaluate((bytes) => window.viewerHarness!.open(bytes), base64);
    await rendered.waitFor();

    for (let target = 2; target <= pagesPerCopy; target++) {
      const armed = page.evaluate(
        (expected) => window.__viewerProbe!.armTurn(expected),
        target,
      );
      await page.evaluate(() => undefined);
      await page.keyboard.press('PageDown');
      turns.push(await armed);
      await rendered.waitFor();
    }
  }
  return turns;
}
