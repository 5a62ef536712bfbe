/**
 * Checks the page transform against pdf.js itself: the viewer draws pages
 * with `page.getViewport({ scale, rotation })`, so an annotation must land
 * where that viewport puts the same point of the page.
 */
import fc from 'fast-check';
import { degrees, PDFDocument } from 'pdf-lib';
import {
  getDocument,
  type PDFDocumentProxy,
  type PDFPageProxy,
} from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { pageToShown } from '../../../../../renderer/core/annotations/page-transform';
import {
  ROTATIONS,
  toRotation,
  type PageFrame,
} from '../../../../../renderer/core/pages/page-frame';

let pdf: PDFDocumentProxy;

beforeAll(async () => {
  const document = await PDFDocument.create();
  // Page 1: A4 portrait with /Rotate 90, as a scanner stores a sheet fed
  // sideways. Page 2: a media box that does not start at the origin.
  document.addPage([595, 842]).setRotation(degrees(90));
  const offset = document.addPage([600, 800]);
  offset.setMediaBox(50, 100, 600, 800);
  const bytes = await document.save();
  pdf = await getDocument({ data: bytes, isEvalSupported: false }).promise;
});

afterAll(async () => {
  await pdf.destroy();
});

/** Returns the PDF user-space point at page-relative (u, v), top left origin. */
function pdfPoint(page: PDFPageProxy, u: number, v: number): [number, number] {
  const [x0, y0, x1, y1] = page.view as [number, number, number, number];
  return [x0 + u * (x1 - x0), y1 - v * (y1 - y0)];
}

async function viewportsOf(pageNumber: number, scale: number) {
  const page = await pdf.getPage(pageNumber);
  return ROTATIONS.map((extra) => {
    // The examiner's rotation adds to the page's own /Rotate.
    const rotation = toRotation(page.rotate + extra);
    const viewport = page.getViewport({ scale, rotation });
    const frame: PageFrame = {
      page: pageNumber,
      rotation,
      width: viewport.width,
      height: viewport.height,
    };
    return { page, viewport, frame };
  });
}

describe('page transform against pdf.js', () => {
  it('page with /Rotate 90 is read as 90', async () => {
    const page = await pdf.getPage(1);
    expect(page.rotate).toBe(90);
  });

  for (const pageNumber of [1, 2]) {
    it(`corners land where pdf.js puts them, page ${pageNumber}`, async () => {
      for (const scale of [0.5, 1, 2.25]) {
        for (const { page, viewport, frame } of await viewportsOf(
          pageNumber,
          scale,
        )) {
          for (const [u, v] of [
            [0, 0],
            [1, 0],
            [0, 1],
            [1, 1],
          ] as const) {
            const [x, y] = viewport.convertToViewportPoint(
              ...pdfPoint(page, u, v),
            );
            const shown = pageToShown({ x: u, y: v }, frame);
            expect(shown.x).toBeCloseTo(x, 6);
            expect(shown.y).toBeCloseTo(y, 6);
          }
        }
      }
    });
  }

  it('any point lands where pdf.js puts it', async () => {
    const cases = [
      ...(await viewportsOf(1, 1.5)),
      ...(await viewportsOf(2, 0.75)),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ page, viewport, frame }, u, v) => {
          const [x, y] = viewport.convertToViewportPoint(
            ...pdfPoint(page, u, v),
          );
          const shown = pageToShown({ x: u, y: v }, frame);
          expect(shown.x).toBeCloseTo(x, 6);
          expect(shown.y).toBeCloseTo(y, 6);
        },
      ),
    );
  });
});
