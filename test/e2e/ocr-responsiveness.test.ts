/**
 * Whether background OCR keeps the page responsive. The same steps run
 * twice on a freshly downloaded batch while a PerformanceObserver records
 * the main thread's long tasks. The first run has OCR off: every request
 * for the engine files under /ocr/ is aborted, so no worker starts and no
 * page is rendered for it. The second run has OCR on. The steps
 * are those of an examiner leafing through a copy while the page checks
 * run. A long task over 100 ms seen with OCR on and not with OCR off is
 * caused by OCR, so the test requires the OCR-on run to have no more such
 * tasks than the OCR-off run, and checks that OCR did work meanwhile.
 */
import type { Page } from '@playwright/test';

import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { BatchesScreen } from './models/batches-screen';
import { BatchScreen } from './models/batch-screen';
import {
  downloadSampleBatch,
  OCR_SITTING,
  sittingCodes,
} from './models/ocr-sitting';
import { readStoreRows, Workspace } from './models/workspace';

const server = useReferenceServer({ sample: OCR_SITTING });

/** Long tasks over this many milliseconds make the page feel stuck. */
const LONG_TASK_MS = 100;
/** Page turns, one per second, while the long tasks are recorded. */
const PAGE_TURNS = 12;

declare global {
  interface Window {
    /** Durations of the long tasks recorded by the init script, in ms. */
    __copydeskLongTasks?: number[];
  }
}

/** Records the long tasks of every page loaded afterwards. */
async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const durations: number[] = [];
    window.__copydeskLongTasks = durations;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        durations.push(entry.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Counts what OCR stored: page readings and checked copies. */
async function countOcrRows(page: Page): Promise<number> {
  const readings = await readStoreRows(page, 'ocr');
  const checks = await readStoreRows(page, 'ocrChecks');
  return readings.length + checks.length;
}

interface LeafingResult {
  /** Durations of the long tasks over `LONG_TASK_MS`, in ms. */
  longTasks: number[];
  /** Readings and checks OCR stored while the pages turned. */
  ocrRowsAdded: number;
}

/**
 * Downloads the batch, opens a copy and turns its pages while the long
 * tasks are recorded.
 */
async function leafThroughCopy(
  page: Page,
  code: string,
): Promise<LeafingResult> {
  await recordLongTasks(page);
  await downloadSampleBatch(page, server().url);
  await new BatchesScreen(page).openBatch('Lot 1');
  await new BatchScreen(page).openCopy(code);
  await expect(new Workspace(page).heading(code)).toBeVisible();

  await page.evaluate(() => {
    window.__copydeskLongTasks?.splice(0);
  });
  const rowsBefore = await countOcrRows(page);
  for (let turn = 0; turn < PAGE_TURNS; turn += 1) {
    await page.keyboard.press(turn % 2 === 0 ? 'PageDown' : 'PageUp');
    await page.waitForTimeout(1_000);
  }
  const durations = await page.evaluate(() => window.__copydeskLongTasks ?? []);
  return {
    longTasks: durations.filter((duration) => duration > LONG_TASK_MS),
    ocrRowsAdded: (await countOcrRows(page)) - rowsBefore,
  };
}

test.describe.serial('OCR in the background', () => {
  let withoutOcr: number[] | undefined;

  test('long tasks with OCR off', async ({ page, context }) => {
    test.setTimeout(60_000);
    await context.route('**/ocr/**', (route) => route.abort());
    const result = await leafThroughCopy(page, sittingCodes(server()).clean);
    withoutOcr = result.longTasks;
    console.log(`long tasks over ${LONG_TASK_MS} ms, OCR off:`, withoutOcr);
    expect(result.ocrRowsAdded).toBe(0);

    // The observer records a task of the page that blocks for 150 ms.
    // A timer callback is a task of the page's event loop, where a
    // script that Playwright evaluates directly is not.
    await page.evaluate(() => {
      setTimeout(() => {
        const end = performance.now() + 150;
        while (performance.now() < end) {
          // Busy wait: one task of 150 ms.
        }
      }, 0);
    });
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window.__copydeskLongTasks ?? []).some(
            (duration) => duration >= 150,
          ),
        ),
      )
      .toBe(true);
  });

  test('adds no long task with OCR on', async ({ page }) => {
    test.setTimeout(60_000);
    const codes = sittingCodes(server());
    const result = await leafThroughCopy(page, codes.clean);
    console.log(
      `long tasks over ${LONG_TASK_MS} ms, OCR on:`,
      result.longTasks,
      `OCR rows stored meanwhile: ${result.ocrRowsAdded}`,
    );

    // OCR worked while the pages turned.
    expect(result.ocrRowsAdded).toBeGreaterThan(0);
    expect(withoutOcr).toBeDefined();
    expect(result.longTasks.length).toBeLessThanOrEqual(withoutOcr!.length);
  });
});
