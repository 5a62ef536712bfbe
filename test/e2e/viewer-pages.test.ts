import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { PASSWORDS } from '../support/fixture-sitting';
import { BatchScreen } from './models/batch-screen';
import { BatchesScreen } from './models/batches-screen';
import { CopyScreen } from './models/copy-screen';
import { SignInScreen } from './models/sign-in-screen';

const server = useReferenceServer({ copiesPerBatch: 3 });

/** Width of the fixture's A4 pages, PDF points. */
const A4_WIDTH = 595.28;
/** CSS pixels per PDF point at 100 %. */
const CSS_PER_POINT = 96 / 72;
/** Space the viewer keeps around a page, CSS pixels. */
const PAGE_MARGIN = 16;

test.use({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 2 });

/** Signs in, downloads Lot 1 and opens A000000003, which has 4 pages. */
async function openFourPageCopy(page: Page, url: string): Promise<CopyScreen> {
  await page.goto(`${url}/`);
  await new SignInScreen(page).signIn('amartin', PASSWORDS.amartin);
  const batches = new BatchesScreen(page);
  await batches.downloadButton('Lot 1').click();
  await expect(batches.card('Lot 1')).toContainText('Disponible hors ligne');
  await batches.openBatch('Lot 1');
  await new BatchScreen(page).openCopy('A000000003');
  const copy = new CopyScreen(page);
  await expect(copy.pageStatus).toHaveText('Page 1 sur 4');
  await copy.waitUntilRendered();
  return copy;
}

/** Returns the canvas's size on screen and in pixels, and the area's inner size. */
async function measure(copy: CopyScreen) {
  const canvas = await copy.canvas.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const canvas = element as HTMLCanvasElement;
    return {
      cssWidth: box.width,
      cssHeight: box.height,
      pixelWidth: canvas.width,
      pixelHeight: canvas.height,
    };
  });
  const area = await copy.scanArea.evaluate((element) => ({
    width: element.clientWidth,
    height: element.clientHeight,
  }));
  return { ...canvas, area };
}

test.describe('an examiner reading a scan', () => {
  test('Page Down shows each page at once', async ({ app, page }) => {
    const copy = await openFourPageCopy(page, server().url);

    for (let target = 2; target <= 4; target++) {
      const before = await copy.sample();
      const frames = await copy.pressAndSample('PageDown', 3);

      await expect(copy.pageStatus).toHaveText(`Page ${target} sur 4`);
      await copy.waitUntilRendered();
      const settled = await copy.sample();
      expect(settled.renderedPage).toBe(String(target));
      expect(settled.fingerprint).not.toBe(before.fingerprint);
      expect(await copy.inkPixels()).toBeGreaterThan(100);
      // The neighbour was rendered ahead: its final pixels are on the
      // canvas within two frames of the key press.
      const shownAtOnce = frames
        .slice(0, 2)
        .some((frame) => frame.fingerprint === settled.fingerprint);
      expect(shownAtOnce, JSON.stringify({ frames, settled })).toBe(true);
    }

    // Page Up goes back the same way.
    const frames = await copy.pressAndSample('PageUp', 2);
    await expect(copy.pageStatus).toHaveText('Page 3 sur 4');
    expect(frames[0]!.renderedPage).toBe('3');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(app.errors).toEqual([]);
  });

  test('zoom and fit resize the page', async ({ app, page }) => {
    const copy = await openFourPageCopy(page, server().url);

    // Fit width, the default: the page fills the area, at 2 device pixels
    // per CSS pixel.
    let size = await measure(copy);
    expect(
      Math.abs(size.cssWidth - (size.area.width - 2 * PAGE_MARGIN)),
    ).toBeLessThanOrEqual(1);
    expect(size.pixelWidth).toBe(Math.round(size.cssWidth * 2));
    const fitPercent = await copy.zoomPercent();

    // Ctrl+Plus goes to the next step above the fit, as the toolbar says.
    await page.keyboard.press('Control++');
    const zoomedPercent = await copy.zoomPercent();
    expect(zoomedPercent).toBeGreaterThan(fitPercent);
    size = await measure(copy);
    expect(size.cssWidth).toBe(
      Math.round(A4_WIDTH * (zoomedPercent / 100) * CSS_PER_POINT),
    );

    await page.keyboard.press('Control+-');
    await page.keyboard.press('Control+-');
    const outPercent = await copy.zoomPercent();
    expect(outPercent).toBeLessThan(zoomedPercent);
    size = await measure(copy);
    expect(size.cssWidth).toBe(
      Math.round(A4_WIDTH * (outPercent / 100) * CSS_PER_POINT),
    );

    // Fit page: the whole page in the area, limited here by its height.
    await page.keyboard.press('Control+9');
    size = await measure(copy);
    expect(
      Math.abs(size.cssHeight - (size.area.height - 2 * PAGE_MARGIN)),
    ).toBeLessThanOrEqual(1);
    expect(size.cssWidth).toBeLessThan(size.area.width);

    await copy.fitWidth.click();
    size = await measure(copy);
    expect(await copy.zoomPercent()).toBe(fitPercent);

    // Ctrl+wheel, as a mouse or a touchpad pinch sends it, zooms the scan.
    const box = (await copy.scanArea.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await expect.poll(() => copy.zoomPercent()).toBeGreaterThan(fitPercent);

    // The rendered bitmap follows the zoom.
    await copy.waitUntilRendered();
    size = await measure(copy);
    expect(size.pixelWidth).toBe(Math.round(size.cssWidth * 2));
    expect(await copy.inkPixels()).toBeGreaterThan(100);
    expect(app.errors).toEqual([]);
  });

  test('rotation turns the page and stays', async ({ page }) => {
    const copy = await openFourPageCopy(page, server().url);
    let size = await measure(copy);
    expect(size.cssHeight).toBeGreaterThan(size.cssWidth);

    await page.keyboard.press('r');
    await copy.waitUntilRendered();
    size = await measure(copy);
    expect(size.cssWidth).toBeGreaterThan(size.cssHeight);
    expect(size.pixelWidth).toBeGreaterThan(size.pixelHeight);
    expect(await copy.inkPixels()).toBeGreaterThan(100);

    // The rotation is kept with the copy.
    await copy.backToBatch();
    await new BatchScreen(page).openCopy('A000000003');
    await expect(copy.pageStatus).toHaveText('Page 1 sur 4');
    await copy.waitUntilRendered();
    size = await measure(copy);
    expect(size.cssWidth).toBeGreaterThan(size.cssHeight);

    await page.keyboard.press('Shift+R');
    await copy.waitUntilRendered();
    size = await measure(copy);
    expect(size.cssHeight).toBeGreaterThan(size.cssWidth);
  });

  test('continuous mode follows the scroll', async ({ page }) => {
    const copy = await openFourPageCopy(page, server().url);

    await page.keyboard.press('Shift+C');
    await expect(copy.continuous).toHaveAttribute('aria-pressed', 'true');
    await expect(copy.pageImage(1, 4)).toBeVisible();
    await expect(copy.pageImage(2, 4)).toBeAttached();

    await copy.scanArea.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await expect(copy.pageStatus).toHaveText('Page 4 sur 4');
    await copy.waitUntilRendered();
    expect(await copy.inkPixels(copy.pageImage(4, 4))).toBeGreaterThan(100);

    // Page Up scrolls page 3 to the top of the area.
    await page.keyboard.press('PageUp');
    await expect(copy.pageStatus).toHaveText('Page 3 sur 4');
    const area = (await copy.scanArea.boundingBox())!;
    const third = (await copy.pageImage(3, 4).boundingBox())!;
    expect(Math.abs(third.y - (area.y + PAGE_MARGIN))).toBeLessThanOrEqual(1);

    await page.keyboard.press('Shift+C');
    await expect(copy.continuous).toHaveAttribute('aria-pressed', 'false');
    await expect(copy.canvas).toHaveCount(1);
    await expect(copy.canvas).toHaveAccessibleName('Page 3 sur 4');
  });

  test('thumbnails move through the pages', async ({ page }) => {
    const copy = await openFourPageCopy(page, server().url);
    await expect(copy.thumbnail(1)).toHaveAttribute('aria-selected', 'true');

    await copy.thumbnail(3).click();
    await expect(copy.pageStatus).toHaveText('Page 3 sur 4');
    await expect(copy.thumbnail(3)).toHaveAttribute('aria-selected', 'true');

    await page.keyboard.press('ArrowDown');
    await expect(copy.pageStatus).toHaveText('Page 4 sur 4');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(copy.pageStatus).toHaveText('Page 2 sur 4');

    // Every thumbnail is drawn, from the rendered pages or on its own.
    await copy.waitUntilRendered();
    for (let thumbnail = 1; thumbnail <= 4; thumbnail++) {
      const canvas = copy.thumbnail(thumbnail).locator('canvas');
      expect(await copy.inkPixels(canvas, 250)).toBeGreaterThan(5);
    }
  });

  test('controls are labelled with their shortcuts', async ({ page }) => {
    const copy = await openFourPageCopy(page, server().url);

    await expect(copy.next).toHaveAttribute('aria-keyshortcuts', 'PageDown');
    await expect(copy.previous).toHaveAttribute('aria-keyshortcuts', 'PageUp');
    await expect(copy.zoomIn).toHaveAttribute('aria-keyshortcuts', 'Control++');
    await expect(copy.zoomOut).toHaveAttribute(
      'aria-keyshortcuts',
      'Control+-',
    );
    await expect(copy.fitWidth).toHaveAttribute(
      'aria-keyshortcuts',
      'Control+0',
    );
    await expect(copy.fitPage).toHaveAttribute(
      'aria-keyshortcuts',
      'Control+9',
    );
    await expect(copy.rotateClockwise).toHaveAttribute(
      'aria-keyshortcuts',
      'R',
    );
    await expect(copy.continuous).toHaveAttribute(
      'aria-keyshortcuts',
      'Shift+C',
    );
    await expect(copy.canvas).toHaveAccessibleName('Page 1 sur 4');

    // Keyboard focus shows the tooltip with the shortcut.
    await copy.scanArea.focus();
    await page.keyboard.press('Shift+Tab');
    await expect(copy.thumbnail(1)).toBeFocused();
    // The toolbar's last control is the workspace's OCR text toggle; the
    // arrow keys move within the toolbar.
    await page.keyboard.press('Shift+Tab');
    await expect(
      page.getByRole('button', { name: 'Texte lu (OCR)' }),
    ).toBeFocused();
    await expect(page.getByRole('tooltip')).toHaveText('Texte lu (OCR) Alt+O');
    await page.keyboard.press('ArrowLeft');
    await expect(copy.continuous).toBeFocused();
    await expect(page.getByRole('tooltip')).toHaveText(
      'Défilement continu Maj+C',
    );

    const results = await new AxeBuilder({ page })
      .include('.scan-viewer')
      .analyze();
    const problems = results.violations.map(
      (violation) => `${violation.id}: ${violation.help}`,
    );
    expect(problems).toEqual([]);
  });
});
