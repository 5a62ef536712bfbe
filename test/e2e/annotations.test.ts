import type { Locator } from '@playwright/test';

import { expect, test } from './support/fixtures';
import { useReferenceServer } from './support/reference-server';
import { CopyScreen } from './models/copy-screen';
import { openDownloadedCopy } from './models/downloaded-copy';
import { readStoreRows } from './models/workspace';

// Every page of these copies is an A4 portrait page with `/Rotate 90`, so
// the viewer shows it landscape.
const server = useReferenceServer({ copiesPerBatch: 1, pageRotation: 90 });

interface Position {
  x: number;
  y: number;
}

/** Returns the centre of `mark` as a fraction of the page layer's box. */
async function positionOnPage(
  layer: Locator,
  mark: Locator,
): Promise<Position> {
  const page = await layer.boundingBox();
  const box = await mark.boundingBox();
  if (page === null || box === null) {
    throw new Error('The page or the annotation is not shown');
  }
  return {
    x: (box.x + box.width / 2 - page.x) / page.width,
    y: (box.y + box.height / 2 - page.y) / page.height,
  };
}

async function expectNear(actual: Position, expected: Position): Promise<void> {
  expect(Math.abs(actual.x - expected.x)).toBeLessThan(0.01);
  expect(Math.abs(actual.y - expected.y)).toBeLessThan(0.01);
}

test.describe('an examiner annotating a sideways scan', () => {
  test('a tick stays in place through zoom, rotation and reload', async ({
    app,
    page,
  }) => {
    await openDownloadedCopy(page, server().url, 'A000000001');
    const copy = new CopyScreen(page);
    const layer = page.getByRole('application', {
      name: 'Annotations de la page 1',
    });
    await expect(layer).toBeVisible();

    // The PDF's /Rotate 90 shows the portrait page landscape.
    const shown = await layer.boundingBox();
    expect(shown!.width).toBeGreaterThan(shown!.height);

    // V chooses the tick; a click places it.
    await page.keyboard.press('v');
    await layer.click({
      position: { x: shown!.width * 0.3, y: shown!.height * 0.4 },
    });
    const tick = layer.getByRole('img', { name: /^Coche/ });
    await expect(tick).toHaveCount(1);
    await expectNear(await positionOnPage(layer, tick), { x: 0.3, y: 0.4 });

    // The tick is saved with the grade at once. The grade is encrypted, so
    // the check reads the count in its clear summary.
    await expect
      .poll(async () => {
        const grades = (await readStoreRows(page, 'grades')) as {
          summary?: { annotationCount: number };
        }[];
        return grades[0]?.summary?.annotationCount;
      })
      .toBe(1);

    // Zooming scales the page and the tick together.
    await copy.zoomIn.click();
    await copy.zoomIn.click();
    await expect
      .poll(async () => (await layer.boundingBox())!.width)
      .toBeGreaterThan(shown!.width * 1.1);
    await expectNear(await positionOnPage(layer, tick), { x: 0.3, y: 0.4 });

    // Turning the page a quarter clockwise moves the shown point (x, y)
    // to (1 - y, x).
    await copy.rotateClockwise.click();
    await expect
      .poll(async () => {
        const box = (await layer.boundingBox())!;
        return box.height > box.width;
      })
      .toBe(true);
    await expectNear(await positionOnPage(layer, tick), { x: 0.6, y: 0.3 });

    // After a reload, the rotation and the tick are both still there.
    await page.reload();
    await expect(tick).toHaveCount(1);
    await expect
      .poll(async () => {
        const box = (await layer.boundingBox())!;
        return box.height > box.width;
      })
      .toBe(true);
    await expectNear(await positionOnPage(layer, tick), { x: 0.6, y: 0.3 });
    expect(app.errors).toEqual([]);
  });
});
