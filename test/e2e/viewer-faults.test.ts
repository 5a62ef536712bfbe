/**
 * The scan viewer when opening or rendering is too slow: the time limits
 * stop the work and say so, the examiner can report the scan, and the
 * next scan opens normally. The harness sets limits of a millisecond,
 * which no real open or render meets.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';

import { expect, test } from './support/fixtures';
import { useViewerHarness } from './support/viewer-harness';
import { ViewerHarnessPage } from './support/viewer-harness-page';

const harnessUrl = useViewerHarness();

/** Returns a PDF of `pages` A4 pages, each with a line of text. */
async function makePdf(pages: number): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let page = 1; page <= pages; page++) {
    document
      .addPage([595.28, 841.89])
      .drawText(`Page ${page}`, { x: 50, y: 780, size: 36, font });
  }
  return Buffer.from(await document.save());
}

test.describe('the viewer past its time limits', () => {
  test('a slow open is stopped and reported', async ({ app, page }) => {
    const harness = new ViewerHarnessPage(page);
    await harness.load(harnessUrl(), { openTimeout: 1 });

    await harness.open(await makePdf(2));

    await expect(harness.alert).toContainText(
      'Opening this copy took longer than the time limit of 1 s and was stopped',
    );
    await harness.reportProblem.click();
    await expect(harness.reports).toHaveText('1');
    expect(app.errors).toEqual([]);

    // The stopped worker does not keep the next scan from opening.
    await harness.load(harnessUrl());
    await harness.open(await makePdf(2));
    await expect(harness.pageImage(1, 2)).toBeVisible();
    await harness.waitUntilRendered();
    const shown = await harness.read(harness.pageImage(1, 2));
    expect(shown.renderedPage).toBe('1');
  });

  test('a slow page is stopped and reported', async ({ app, page }) => {
    const harness = new ViewerHarnessPage(page);
    await harness.load(harnessUrl(), { renderTimeout: 1 });

    await harness.open(await makePdf(3));

    await expect(harness.alert).toContainText(
      'Showing page 1 took longer than the time limit of 1 s and was stopped',
    );
    await harness.reportProblem.click();
    await expect(harness.reports).toHaveText('1');

    // The window still works: the next page can be asked for and fails
    // the same way, on its own.
    await harness.nextPage.click();
    await expect(harness.alert).toContainText('Showing page 2 took longer');
    expect(app.errors).toEqual([]);
  });
});
