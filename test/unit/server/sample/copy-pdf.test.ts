import { describe, expect, it } from 'vitest';
import {
  A4_POINTS,
  generateCopyPdf,
  neighbourCode,
  type CopyOptions,
} from '../../../../server/sample';
import { resolveCopyOptions } from '../../../../server/sample/copy-options';
import { planPages } from '../../../../server/sample/copy-pdf';
import { jpegSize, readPdfPages } from './pdf-pages';

const BASE: CopyOptions = { anonymousCode: 'A000005057', pageCount: 3 };

describe('generateCopyPdf', () => {
  it('writes one A4 JPEG page per requested page', async () => {
    const pages = await readPdfPages(await generateCopyPdf(BASE));

    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expect(page.mediaWidth).toBeCloseTo(A4_POINTS.width, 2);
      expect(page.mediaHeight).toBeCloseTo(A4_POINTS.height, 2);
      expect(page.filter).toBe('/DCTDecode');
      expect(page.imageWidth).toBe(1240);
      expect(page.imageHeight).toBe(1754);
      expect(jpegSize(page.jpeg)).toEqual({ width: 1240, height: 1754 });
    }
  });

  it('keeps 150 dpi pages under 250 KB', async () => {
    const pages = await readPdfPages(await generateCopyPdf(BASE));

    for (const page of pages) {
      expect(page.jpeg.length).toBeLessThan(250 * 1024);
    }
  });

  it('renders 300 dpi pages at 2480 x 3508', async () => {
    const pdf = await generateCopyPdf({ ...BASE, pageCount: 1, dpi: 300 });
    const [page] = await readPdfPages(pdf);

    expect(page?.imageWidth).toBe(2480);
    expect(page?.imageHeight).toBe(3508);
    expect(jpegSize(page?.jpeg ?? new Uint8Array())).toEqual({
      width: 2480,
      height: 3508,
    });
  });

  it('gives identical bytes for the same seed', async () => {
    const first = await generateCopyPdf({ ...BASE, seed: 42 });
    const second = await generateCopyPdf({ ...BASE, seed: 42 });

    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('gives different bytes for another seed', async () => {
    const first = await generateCopyPdf({ ...BASE, seed: 42 });
    const second = await generateCopyPdf({ ...BASE, seed: 43 });

    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
  });

  it('draws a blank page with far less ink', async () => {
    const pdf = await generateCopyPdf({
      ...BASE,
      anomalies: [{ kind: 'blank-page', page: 2 }],
    });
    const [written, blank] = await readPdfPages(pdf);

    expect(blank?.jpeg.length).toBeLessThan((written?.jpeg.length ?? 0) / 2);
  });

  it('turns a sideways page to A4 landscape', async () => {
    const pdf = await generateCopyPdf({
      ...BASE,
      anomalies: [{ kind: 'sideways', page: 2 }],
    });
    const [upright, sideways] = await readPdfPages(pdf);

    expect(upright?.mediaWidth).toBeCloseTo(A4_POINTS.width, 2);
    expect(sideways?.mediaWidth).toBeCloseTo(A4_POINTS.height, 2);
    expect(sideways?.mediaHeight).toBeCloseTo(A4_POINTS.width, 2);
    expect(jpegSize(sideways?.jpeg ?? new Uint8Array())).toEqual({
      width: 1754,
      height: 1240,
    });
  });

  it.each([
    [{ pageCount: 0 }, /Invalid pageCount: 0/],
    [{ pageCount: 2.5 }, /Invalid pageCount: 2.5/],
    [{ pageCount: 101 }, /Invalid pageCount: 101/],
    [{ dpi: 200 }, /Invalid dpi: 200. Use 150 or 300/],
    [{ seed: -1 }, /Invalid seed: -1/],
    [{ anonymousCode: ' ' }, /Invalid anonymousCode/],
    [
      { anomalies: [{ kind: 'blank-page', page: 4 }] },
      /Invalid anomalies\[0\]\.page: 4\. Use a page number from 1 to 3/,
    ],
    [
      { anomalies: [{ kind: 'upside-down', page: 0 }] },
      /Invalid anomalies\[0\]\.page: 0/,
    ],
    [
      { anomalies: [{ kind: 'sideways', page: 5 }] },
      /Invalid anomalies\[0\]\.page: 5/,
    ],
    [
      { anomalies: [{ kind: 'missing-page', pageNumber: 4 }] },
      /Invalid anomalies\[0\]\.pageNumber: 4/,
    ],
    [
      {
        anomalies: [
          { kind: 'missing-page', pageNumber: 1 },
          { kind: 'missing-page', pageNumber: 2 },
        ],
      },
      /at most one page number/,
    ],
    [
      { anomalies: [{ kind: 'torn', page: 1 }] },
      /Invalid anomalies\[0\]\.kind: torn/,
    ],
    [
      {
        headerLabels: {
          anonymousCode: 'Code candidat',
          pageCount: ' ',
          pageNumber: 'Feuillet',
        },
      },
      /Invalid headerLabels\.pageCount: " "\. Give the printed label/,
    ],
  ])('rejects invalid option %j', async (override, message) => {
    const options = { ...BASE, ...override } as CopyOptions;

    await expect(generateCopyPdf(options)).rejects.toThrow(RangeError);
    await expect(generateCopyPdf(options)).rejects.toThrow(message);
  });
});

describe('planPages', () => {
  it('numbers pages 1 to n by default', () => {
    const pages = planPages(resolveCopyOptions(BASE));

    expect(pages.map((page) => page.header.pageNumber)).toEqual([1, 2, 3]);
    expect(pages.map((page) => page.header.declaredPageCount)).toEqual([
      3, 3, 3,
    ]);
    expect(pages.every((page) => !page.blank && !page.upsideDown)).toBe(true);
    expect(pages.every((page) => !page.sideways)).toBe(true);
  });

  it('prints the given header labels', () => {
    const labels = {
      anonymousCode: 'Code candidat',
      pageCount: 'Feuillets',
      pageNumber: 'Feuillet',
    };

    const pages = planPages(
      resolveCopyOptions({ ...BASE, headerLabels: labels }),
    );
    const defaults = planPages(resolveCopyOptions(BASE));

    expect(pages.map((page) => page.header.labels)).toEqual([
      labels,
      labels,
      labels,
    ]);
    expect(defaults[0]?.header.labels?.anonymousCode).toBe('N° Anonymat');
  });

  it('skips the missing page number', () => {
    const pages = planPages(
      resolveCopyOptions({
        ...BASE,
        anomalies: [{ kind: 'missing-page', pageNumber: 2 }],
      }),
    );

    expect(pages.map((page) => page.header.pageNumber)).toEqual([1, 3, 4]);
    expect(pages.map((page) => page.header.declaredPageCount)).toEqual([
      4, 4, 4,
    ]);
  });

  it('marks blank and upside-down pages', () => {
    const pages = planPages(
      resolveCopyOptions({
        ...BASE,
        anomalies: [
          { kind: 'blank-page', page: 3 },
          { kind: 'upside-down', page: 2 },
        ],
      }),
    );

    expect(pages.map((page) => page.blank)).toEqual([false, false, true]);
    expect(pages.map((page) => page.upsideDown)).toEqual([false, true, false]);
  });

  it('marks sideways pages', () => {
    const pages = planPages(
      resolveCopyOptions({
        ...BASE,
        anomalies: [{ kind: 'sideways', page: 1 }],
      }),
    );

    expect(pages.map((page) => page.sideways)).toEqual([true, false, false]);
    expect(pages.map((page) => page.upsideDown)).toEqual([false, false, false]);
  });

  it('prints another code on a wrong-copy page', () => {
    const pages = planPages(
      resolveCopyOptions({
        ...BASE,
        anomalies: [
          { kind: 'wrong-copy', page: 1 },
          { kind: 'wrong-copy', page: 3, anonymousCode: 'B000000001' },
        ],
      }),
    );

    expect(pages.map((page) => page.header.anonymousCode)).toEqual([
      'A000005058',
      'A000005057',
      'B000000001',
    ]);
  });
});

describe('neighbourCode', () => {
  it('adds one and keeps the width', () => {
    expect(neighbourCode('A000005057')).toBe('A000005058');
    expect(neighbourCode('A999999999')).toBe('A000000000');
  });

  it('appends a letter to a code without digits', () => {
    expect(neighbourCode('ABC')).toBe('ABCX');
  });
});
