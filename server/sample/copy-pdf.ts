/**
 * Builds the PDF of one sample copy: one A4 JPEG image per page, as exam
 * centre scanners produce them.
 */
import { PDFDocument } from 'pdf-lib';
import {
  resolveCopyOptions,
  type CopyOptions,
  type ResolvedCopyOptions,
} from './copy-options';
import { A4_POINTS, pageGeometry } from './page-geometry';
import { renderPageJpeg, type PageContent } from './page-render';
import { SeededRandom } from './random';

/**
 * Pages whose JPEG encoding may run at once. Encoding runs off the main
 * thread while the next page is drawn; each pending 300 dpi page holds a
 * 35 MB canvas, so the queue stays short.
 */
const PAGES_IN_FLIGHT = 2;

/** Returns the code of the next candidate, as a stray sheet from a neighbour carries. */
export function neighbourCode(anonymousCode: string): string {
  const match = /^(.*?)(\d+)$/.exec(anonymousCode);
  if (match === null) {
    return `${anonymousCode}X`;
  }

  const prefix = match[1] ?? '';
  const digits = match[2] ?? '';
  const next = (BigInt(digits) + 1n) % 10n ** BigInt(digits.length);
  return prefix + next.toString().padStart(digits.length, '0');
}

/** Lists what each page of the PDF shows, anomalies applied. */
export function planPages(options: ResolvedCopyOptions): PageContent[] {
  const random = new SeededRandom(options.seed).derive('plan');
  const missing = options.anomalies.find((a) => a.kind === 'missing-page');
  const declaredPageCount = options.pageCount + (missing === undefined ? 0 : 1);
  const pages: PageContent[] = [];

  for (let page = 1; page <= options.pageCount; page++) {
    const skipped = missing !== undefined && page >= missing.pageNumber;
    const pageNumber = skipped ? page + 1 : page;
    const onPage = options.anomalies.filter(
      (a) => a.kind !== 'missing-page' && a.page === page,
    );
    const wrongCopy = onPage.find((a) => a.kind === 'wrong-copy');
    const isLast = pageNumber === declaredPageCount;

    pages.push({
      blank: onPage.some((a) => a.kind === 'blank-page'),
      upsideDown: onPage.some((a) => a.kind === 'upside-down'),
      sideways: onPage.some((a) => a.kind === 'sideways'),
      fillRatio: isLast ? random.between(0.3, 0.9) : random.between(0.92, 1),
      header: {
        title: options.title,
        subject: options.subject,
        anonymousCode:
          wrongCopy === undefined
            ? options.anonymousCode
            : (wrongCopy.anonymousCode ?? neighbourCode(options.anonymousCode)),
        pageNumber,
        declaredPageCount,
        labels: options.headerLabels,
      },
    });
  }
  return pages;
}

/**
 * Generates one scanned copy as PDF bytes. The same options give the same
 * bytes. Raises a `RangeError` naming the option when an option is invalid.
 */
export async function generateCopyPdf(
  options: CopyOptions,
): Promise<Uint8Array> {
  const resolved = resolveCopyOptions(options);
  const geometry = pageGeometry(resolved.dpi);
  const copyRandom = new SeededRandom(resolved.seed).derive(
    resolved.anonymousCode,
  );
  const pages = planPages(resolved);

  const jpegs: Promise<Buffer>[] = [];
  for (const [index, content] of pages.entries()) {
    if (index >= PAGES_IN_FLIGHT) {
      await jpegs[index - PAGES_IN_FLIGHT];
    }
    jpegs.push(
      renderPageJpeg(content, geometry, copyRandom.derive(`page-${index}`)),
    );
  }

  // Without updateMetadata pdf-lib writes no creation date, so the bytes
  // depend on the options only.
  const document = await PDFDocument.create({ updateMetadata: false });
  for (const [index, jpeg] of (await Promise.all(jpegs)).entries()) {
    const image = await document.embedJpg(jpeg);
    // A sheet fed sideways gives a landscape page, as the scanner saw it.
    const [width, height] =
      pages[index]?.sideways === true
        ? [A4_POINTS.height, A4_POINTS.width]
        : [A4_POINTS.width, A4_POINTS.height];
    const page = document.addPage([width, height]);
    page.drawImage(image, { x: 0, y: 0, width, height });
  }
  return document.save();
}
