/**
 * The reference: pdf.js in the bare benchmark page, opening the same
 * PDFs and rendering the same pages at the size of the viewer's canvas.
 */
import { readFile } from 'node:fs/promises';

import type { Page } from '@playwright/test';

import type { BarePageApi, CanvasSize } from './bare-page/page-api';

export interface BareMeasurements {
  /** Opening a PDF and painting page 1, milliseconds. */
  opens: number[];
  /** Rendering and painting one page of an open PDF, milliseconds. */
  renders: number[];
}

declare global {
  interface Window {
    viewerBench?: BarePageApi;
  }
}

/** Opens each file of `pdfPaths` in the bare page and renders every page. */
export async function measureBare(
  page: Page,
  pageUrl: string,
  pdfPaths: readonly string[],
  pagesPerCopy: number,
  size: CanvasSize,
): Promise<BareMeasurements> {
  page.setDefaultTimeout(120_000);
  await page.goto(pageUrl);
  await page
    .locator('html[data-bench-ready="true"]')
    .waitFor({ state: 'attached' });

  const opens: number[] = [];
  const renders: number[] = [];
  for (const [index, path] of pdfPaths.entries()) {
    const base64 = (await readFile(path)).toString('base64');
    await page.evaluate((bytes) => window.viewerBench!.load(bytes), base64);
    const open = await page.evaluate(
      (canvas) => window.viewerBench!.openFirstPage(canvas),
      size,
    );
    // The first open also loads pdf.js's worker script: not counted.
    if (index > 0) {
      opens.push(open);
    }
    for (let target = 2; target <= pagesPerCopy; target++) {
      renders.push(
        await page.evaluate(
          ({ target, canvas }) =>
            window.viewerBench!.renderPage(target, canvas),
          { target, canvas: size },
        ),
      );
    }
  }
  return { opens, renders };
}
