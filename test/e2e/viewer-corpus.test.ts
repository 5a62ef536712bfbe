/**
 * The scan viewer against real-world PDFs made by other projects for
 * their own tests: scans in JPEG, CCITT and JBIG2, pages with `/Rotate`,
 * damaged, encrypted and empty files. Each opens in the viewer harness
 * (the real ScanViewer on bytes the test passes in), and must render or
 * state clearly why it cannot, in time, with the window still working.
 *
 * The files are read from COPYDESK_CORPUS, by default ../shared/corpus
 * from the repository root; the tests skip when it is absent.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { expect, test } from './support/fixtures';
import { REPOSITORY_ROOT } from './support/paths';
import {
  correlation,
  inkGrid,
  popplerMissingReason,
  renderWithPoppler,
  turnHalf,
} from './support/poppler-reference';
import { useViewerHarness } from './support/viewer-harness';
import { ViewerHarnessPage } from './support/viewer-harness-page';

const CORPUS = resolve(
  REPOSITORY_ROOT,
  process.env.COPYDESK_CORPUS ?? '../shared/corpus',
);
const CORPUS_MISSING = existsSync(join(CORPUS, 'MANIFEST.md'))
  ? null
  : `No test corpus at ${CORPUS}: set COPYDESK_CORPUS to the folder of real-world PDFs to run these tests`;

/**
 * Time the viewer gets to show a file or its error. Its own limits are 15 s
 * to open a scan and 15 s to render a page.
 */
const SETTLE_MS = 20_000;

interface PageExpectation {
  /** Whether the page has content that leaves ink on the canvas. */
  ink: boolean;
  /** The shape of the shown page, when the file fixes it. */
  shape?: 'portrait' | 'landscape';
  /** The frame's rotation, the PDF's `/Rotate`. */
  rotation?: number;
}

type Expectation =
  { pages: PageExpectation[] } | { message: RegExp; french: RegExp };

const CONTENT: PageExpectation = { ink: true };
const TURNED: PageExpectation = { ink: true, shape: 'landscape', rotation: 90 };

const CASES: { file: string; what: string; expected: Expectation }[] = [
  {
    file: 'pdfjs__scan-bad.pdf',
    what: '300 dpi scan with garbage after the end',
    expected: { pages: [{ ink: true, shape: 'portrait', rotation: 0 }] },
  },
  {
    file: 'pdfjs__ccitt_EndOfBlock_false.pdf',
    what: 'CCITT G4 fax images',
    expected: { pages: [CONTENT] },
  },
  {
    file: 'pdfjs__bitmap-mmr.pdf',
    what: 'JBIG2 image with MMR coding',
    expected: { pages: [CONTENT] },
  },
  {
    file: 'pdfjs__jbig2_symbol_offset.pdf',
    what: 'JBIG2 text region',
    expected: { pages: [CONTENT] },
  },
  {
    file: 'pdfjs__issue17147.pdf',
    what: 'rotated 1-bit image mask',
    expected: { pages: [CONTENT] },
  },
  {
    file: 'pdfjs__hello_world_rotated.pdf',
    what: 'five pages with /Rotate 90',
    expected: { pages: [TURNED, TURNED, TURNED, TURNED, TURNED] },
  },
  {
    file: 'pdfjs__rotation.pdf',
    what: '/Rotate 0 then /Rotate 90',
    expected: {
      pages: [{ ink: true, shape: 'portrait', rotation: 0 }, TURNED],
    },
  },
  {
    file: 'pdfjs__bug1942064.pdf',
    what: 'JPEG with EXIF orientation',
    expected: { pages: [{ ink: true, shape: 'portrait', rotation: 0 }] },
  },
  {
    file: 'pdfjs__PDFBOX-4352-0.pdf',
    what: 'bogus cross-reference entries',
    expected: { pages: [{ ink: false }] },
  },
  {
    file: 'pdfjs__xref_command_missing.pdf',
    what: 'no xref keyword',
    expected: { pages: [CONTENT] },
  },
  {
    file: 'pdfjs__empty.pdf',
    what: 'one blank page',
    expected: { pages: [{ ink: false, shape: 'portrait' }] },
  },
  {
    file: 'pdfjs__REDHAT-1531897-0.pdf',
    what: 'bogus cross-reference table',
    expected: {
      message: /is an invalid PDF/,
      french: /n’est pas un PDF valide/,
    },
  },
  {
    file: 'pdfjs__pr6531_1.pdf',
    what: 'encrypted with a user password',
    expected: {
      message: /is password-protected/,
      french: /est protégé par un mot de passe/,
    },
  },
];

test.skip(CORPUS_MISSING !== null, CORPUS_MISSING ?? '');

const harnessUrl = useViewerHarness();

/** Counts the pixels darker than mid-grey. */
function inkOf(pixels: Uint8Array): number {
  let ink = 0;
  for (const level of pixels) {
    if (level < 128) {
      ink += 1;
    }
  }
  return ink;
}

/**
 * Checks that the window still works: a zoom button still responds. A
 * small page fit to the width may already be at the highest zoom.
 */
async function expectZoomResponds(harness: ViewerHarnessPage): Promise<void> {
  const level = harness.page.getByText(/^Zoom: \d+%$/);
  const before = await level.textContent();
  const button = (await harness.zoomIn.isEnabled())
    ? harness.zoomIn
    : harness.zoomOut;
  await button.click();
  await expect(level).not.toHaveText(before ?? '');
}

test.describe('the viewer on real-world PDFs', () => {
  for (const { file, what, expected } of CASES) {
    test(`${file}: ${what}`, async ({ app, page }) => {
      test.setTimeout(60_000 + SETTLE_MS * 5);
      const path = join(CORPUS, file);
      const harness = new ViewerHarnessPage(page);
      await app.recordCspViolations();
      await harness.load(harnessUrl());
      await harness.open(await readFile(path));

      if ('message' in expected) {
        await expect(harness.alert).toContainText(expected.message, {
          timeout: SETTLE_MS,
        });
        await harness.reportProblem.click();
        await expect(harness.reports).toHaveText('1');
        expect(await app.cspViolations()).toEqual([]);
        return;
      }

      const count = expected.pages.length;
      for (const [index, pageExpected] of expected.pages.entries()) {
        const number = index + 1;
        if (number > 1) {
          await harness.nextPage.click();
        }
        const canvas = harness.pageImage(number, count);
        await expect(canvas).toBeVisible({ timeout: SETTLE_MS });
        await harness.waitUntilRendered();
        await expect(harness.alert).toHaveCount(0);

        const image = await harness.read(canvas);
        expect(image.renderedPage).toBe(String(number));
        const ink = inkOf(image.pixels);
        if (pageExpected.ink) {
          expect(ink, `ink on page ${number}`).toBeGreaterThan(20);
        } else {
          expect(ink, `ink on page ${number}`).toBe(0);
        }

        if (pageExpected.shape === 'landscape') {
          expect(image.width).toBeGreaterThan(image.height);
        } else if (pageExpected.shape === 'portrait') {
          expect(image.height).toBeGreaterThan(image.width);
        }

        // The overlay gets the page's frame and covers the canvas exactly.
        const overlay = harness.overlay(number);
        if (pageExpected.rotation !== undefined) {
          await expect(overlay).toHaveAttribute(
            'data-rotation',
            String(pageExpected.rotation),
          );
        }
        const canvasBox = await canvas.boundingBox();
        const overlayBox = await overlay.boundingBox();
        expect(overlayBox).toEqual(canvasBox);

        // Poppler's render of the same page matches the right way round
        // better than upside down.
        if (pageExpected.ink && popplerMissingReason() === null) {
          const reference = await renderWithPoppler(
            path,
            number,
            Math.max(image.width, image.height),
          );
          expect(Math.sign(reference.width - reference.height)).toBe(
            Math.sign(image.width - image.height),
          );
          const shown = inkGrid(image, 8);
          const upright = correlation(shown, inkGrid(reference, 8));
          const flipped = correlation(shown, turnHalf(inkGrid(reference, 8)));
          expect(upright, `upright match of page ${number}`).toBeGreaterThan(
            0.5,
          );
          expect(upright).toBeGreaterThan(flipped);
        }
      }

      await expectZoomResponds(harness);
      expect(await app.cspViolations()).toEqual([]);
    });
  }

  test('a zero-byte file says it is empty', async ({ app, page }) => {
    const harness = new ViewerHarnessPage(page);
    await harness.load(harnessUrl());
    await harness.open(Buffer.alloc(0));

    await expect(harness.alert).toContainText('is empty (0 bytes)', {
      timeout: SETTLE_MS,
    });
    await harness.reportProblem.click();
    await expect(harness.reports).toHaveText('1');
    expect(app.errors).toEqual([]);
  });

  test('errors read in French too', async ({ page }) => {
    const harness = new ViewerHarnessPage(page);
    await page.goto(harnessUrl());
    await page
      .locator('html[data-harness-ready="true"]')
      .waitFor({ state: 'attached' });

    for (const { file, expected } of CASES) {
      if ('french' in expected) {
        await harness.open(await readFile(join(CORPUS, file)));
        await expect(harness.alert).toContainText(expected.french, {
          timeout: SETTLE_MS,
        });
      }
    }
    await harness.open(Buffer.alloc(0));
    await expect(harness.alert).toContainText('est vide (0 octet)');
    await page
      .getByRole('button', { name: 'Signaler un problème de numérisation' })
      .click();
    await expect(harness.reports).toHaveText('1');
  });
});
