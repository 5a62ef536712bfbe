import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { BatchScreen } from './models/batch-screen';
import {
  OCR_SITTING,
  openDownloadedSampleBatch,
  sittingCodes,
} from './models/ocr-sitting';
import { OcrPanel } from './models/ocr-panel';
import { Workspace } from './models/workspace';

const server = useReferenceServer({ sample: OCR_SITTING });

test.describe('text read by OCR', () => {
  test('search finds the header and jumps', async ({ app, page, context }) => {
    // Whole pages are read while the examiner is idle (5 s without
    // input), after the checks of the five copies.
    test.setTimeout(90_000);
    const codes = sittingCodes(server());
    const foreign = await openDownloadedSampleBatch(
      app,
      page,
      context,
      server().url,
    );
    await new BatchScreen(page).openCopy(codes.clean);
    const workspace = new Workspace(page);
    await expect(workspace.heading(codes.clean)).toBeVisible();

    const ocr = new OcrPanel(page);
    await page.keyboard.press('Alt+o');
    await expect(ocr.panel).toBeVisible();
    await expect(ocr.searchField).toBeFocused();

    // Right after the download, most pages of the batch are not read, and the
    // search reports it.
    await ocr.chooseScope('Tout le lot');
    await ocr.searchField.fill('Matière');
    await expect(ocr.status).toContainText('pages pas encore lues');

    // The two pages of the copy get read; each header has the word once.
    await ocr.chooseScope('Cette copie');
    await expect(ocr.status).toContainText('pages lues : 2 sur 2', {
      timeout: 60_000,
    });
    await expect(ocr.status).toContainText('2 résultats');
    await expect(ocr.hits).toHaveCount(2);
    await expect(ocr.hits.first()).toContainText(`${codes.clean}, page 1 :`);
    await expect(ocr.hits.nth(1)).toContainText(`${codes.clean}, page 2 :`);

    // Enter goes to the next hit, Shift+Enter to the previous one.
    await ocr.searchField.press('Enter');
    await expect(ocr.status).toContainText('résultat 1 sur 2');
    await expect(page.getByText('Page 1 sur 2')).toBeVisible();
    await expect(ocr.currentHit).toHaveCount(1);
    await ocr.searchField.press('Enter');
    await expect(ocr.status).toContainText('résultat 2 sur 2');
    await expect(page.getByText('Page 2 sur 2')).toBeVisible();
    await expect(ocr.currentHit).toHaveCount(1);
    await ocr.searchField.press('Shift+Enter');
    await expect(ocr.status).toContainText('résultat 1 sur 2');
    await expect(page.getByText('Page 1 sur 2')).toBeVisible();

    // The current hit is over the printed word, in the header band.
    const hitBox = await ocr.currentHit.boundingBox();
    const pageBox = await page.locator('.scan-page').first().boundingBox();
    expect(hitBox).not.toBeNull();
    expect(pageBox).not.toBeNull();
    expect(hitBox!.y - pageBox!.y).toBeLessThan(pageBox!.height / 6);

    // The page's text is shown, with the handwriting's words marked as
    // doubtful on the scan.
    await expect(ocr.pageText).toContainText('Philosophie');
    await expect(ocr.wordBoxes.first()).toBeVisible();
    expect(await ocr.doubtfulWordBoxes.count()).toBeGreaterThan(0);
    expect(await ocr.doubtfulWordBoxes.count()).toBeLessThan(
      await ocr.wordBoxes.count(),
    );

    // Alt+O hides the panel and its boxes.
    await page.keyboard.press('Alt+o');
    await expect(ocr.panel).toBeHidden();
    await expect(ocr.wordBoxes).toHaveCount(0);

    expect(foreign).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
