/**
 * The page images the OCR benchmark reads: files given on the command line
 * (images as they are, PDF pages rendered at each resolution), or pages of
 * generated sample copies with their known header text.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';

import { generateCopyPdf } from '../../server/sample';
import { PdfPageSource } from '../../server/scan-check/pdf-page-source';
import { WHOLE_PAGE, type PageBox } from '../../shared/ocr/ocr-types';

/** One image both engines read. */
export interface BenchPage {
  /** Input name, page and region, for the report. */
  label: string;
  /** Resolution the page was rendered at; undefined for an image file. */
  dpi?: number;
  /** PNG or JPEG bytes. */
  data: Uint8Array;
  extension: 'png' | 'jpg';
  width: number;
  height: number;
  /** Text printed on the image, when known. */
  reference?: string;
}

const HEADER_BAND: PageBox = { left: 0, top: 0, right: 1, bottom: 1 / 6 };

/** Reads a PNG's or JPEG's pixel size from its header. */
function imageSize(data: Uint8Array): { width: number; height: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(0) === 0x89504e47) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  let offset = 2;
  while (offset + 9 < data.length && view.getUint16(0) === 0xffd8) {
    const marker = view.getUint16(offset);
    if (marker >= 0xffc0 && marker <= 0xffc3) {
      return {
        height: view.getUint16(offset + 5),
        width: view.getUint16(offset + 7),
      };
    }
    offset += 2 + view.getUint16(offset + 2);
  }
  throw new Error('not a PNG or JPEG image: give .png, .jpg or .pdf files');
}

async function renderPages(
  source: PdfPageSource,
  name: string,
  dpis: number[],
  region: PageBox,
  regionName: string,
  reference: (page: number) => string | undefined,
): Promise<BenchPage[]> {
  const pages: BenchPage[] = [];
  for (let page = 1; page <= source.pageCount; page++) {
    for (const dpi of dpis) {
      const image = await source.renderRegion(page, {
        region,
        rotation: 0,
        dpi,
      });
      pages.push({
        label: `${name} p${page} ${regionName}`,
        dpi,
        data: image.data as Uint8Array,
        extension: 'png',
        width: image.width,
        height: image.height,
        reference: reference(page),
      });
    }
  }
  return pages;
}

/** Returns the pages of the files given, each PDF page at each resolution. */
export async function filePages(
  files: string[],
  references: string[],
  dpis: number[],
): Promise<BenchPage[]> {
  const pages: BenchPage[] = [];
  for (const [index, file] of files.entries()) {
    const data = new Uint8Array(await readFile(file));
    const referenceFile = references[index];
    const reference =
      referenceFile === undefined
        ? undefined
        : await readFile(referenceFile, 'utf8');
    const name = basename(file);

    if (extname(file).toLowerCase() === '.pdf') {
      const source = await PdfPageSource.open(data);
      try {
        pages.push(
          ...(await renderPages(
            source,
            name,
            dpis,
            WHOLE_PAGE,
            'page',
            () => reference,
          )),
        );
      } finally {
        await source.close();
      }
      continue;
    }

    const extension = /\.jpe?g$/i.test(file) ? 'jpg' : 'png';
    pages.push({ label: name, data, extension, ...imageSize(data), reference });
  }
  return pages;
}

/** The header text of a generated sample page, as the sample generator prints it. */
function headerText(code: string, page: number, pageCount: number): string {
  return [
    'Baccalaureat 2026, philosophie',
    `Matière : Philosophie N° Anonymat : ${code}`,
    `Nombre de pages : ${pageCount} Page ${page} / ${pageCount}`,
  ].join('\n');
}

/**
 * Generates two sample copies of two pages and returns, for each page at
 * each resolution, the whole page (handwriting, no reference) and its
 * header band (known text).
 */
export async function samplePages(dpis: number[]): Promise<BenchPage[]> {
  const pages: BenchPage[] = [];
  for (const [index, code] of ['A000005057', 'A000731234'].entries()) {
    const pdf = await generateCopyPdf({
      anonymousCode: code,
      pageCount: 2,
      seed: 11 + index,
    });
    const source = await PdfPageSource.open(pdf);
    try {
      pages.push(
        ...(await renderPages(
          source,
          code,
          dpis,
          WHOLE_PAGE,
          'page',
          () => undefined,
        )),
        ...(await renderPages(
          source,
          code,
          dpis,
          HEADER_BAND,
          'header',
          (page) => headerText(code, page, 2),
        )),
      );
    } finally {
      await source.close();
    }
  }
  return pages;
}
