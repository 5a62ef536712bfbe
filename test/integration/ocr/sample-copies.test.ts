/**
 * The page checks on generated sample copies, end to end: the sample
 * generator writes PDFs, pdf.js renders them in Node, and a pool of real
 * tesseract.js workers reads their header bands in parallel. The code must
 * read exactly on 99 % of 100 clean pages (96 at 150 dpi, 4 at 300 dpi).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  generateCopyPdf,
  type CopyAnomaly,
  type ScanDpi,
} from '../../../server/sample';
import { PdfPageSource } from '../../../server/scan-check/pdf-page-source';
import { nodeOcrPaths } from '../../../shared/ocr/ocr-node-paths';
import { OcrPool } from '../../../shared/ocr/ocr-pool';
import {
  inspectCopy,
  type CopyInspection,
} from '../../../shared/ocr/page-inspection';

interface SampleCopy {
  name: string;
  anonymousCode: string;
  pageCount: number;
  dpi: ScanDpi;
  anomalies: CopyAnomaly[];
}

/** Sixteen clean copies of six pages at 150 dpi: 96 pages. */
const CLEAN_150: SampleCopy[] = Array.from({ length: 16 }, (_, index) => ({
  name: `clean-150-${index}`,
  anonymousCode: `A${String(4_000_100 + index * 7).padStart(9, '0')}`,
  pageCount: 6,
  dpi: 150,
  anomalies: [],
}));

/** One clean copy of four pages at 300 dpi. */
const CLEAN_300: SampleCopy = {
  name: 'clean-300',
  anonymousCode: 'A000731234',
  pageCount: 4,
  dpi: 300,
  anomalies: [],
};

function defective(name: string, anomalies: CopyAnomaly[]): SampleCopy {
  return {
    name,
    anonymousCode: 'A000005057',
    pageCount: 4,
    dpi: 150,
    anomalies,
  };
}

const WRONG_COPY = defective('wrong-copy', [{ kind: 'wrong-copy', page: 3 }]);
const MISSING_PAGE = defective('missing-page', [
  { kind: 'missing-page', pageNumber: 2 },
]);
const BLANK_PAGE = defective('blank-page', [{ kind: 'blank-page', page: 4 }]);
const UPSIDE_DOWN = defective('upside-down', [
  { kind: 'upside-down', page: 2 },
]);
const SIDEWAYS = defective('sideways', [{ kind: 'sideways', page: 1 }]);

const COPIES = [
  ...CLEAN_150,
  CLEAN_300,
  WRONG_COPY,
  MISSING_PAGE,
  BLANK_PAGE,
  UPSIDE_DOWN,
  SIDEWAYS,
];

/** Copies checked at once; with two workers this keeps both busy. */
const COPIES_IN_FLIGHT = 2;

let folder: string;
let pool: OcrPool;
const results = new Map<string, CopyInspection>();

async function inspectFile(copy: SampleCopy): Promise<CopyInspection> {
  const bytes = await readFile(join(folder, `${copy.name}.pdf`));
  const source = await PdfPageSource.open(bytes);
  try {
    return await inspectCopy(source, pool, { pagesInFlight: 2 });
  } finally {
    await source.close();
  }
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'copydesk-ocr-samples-'));
  for (const [index, copy] of COPIES.entries()) {
    const pdf = await generateCopyPdf({
      anonymousCode: copy.anonymousCode,
      pageCount: copy.pageCount,
      dpi: copy.dpi,
      seed: 1000 + index,
      anomalies: copy.anomalies,
    });
    await writeFile(join(folder, `${copy.name}.pdf`), pdf);
  }

  pool = new OcrPool({ ...nodeOcrPaths(), workerCount: 2 });
  const queue = [...COPIES];
  const inspectNext = async (): Promise<void> => {
    for (let copy = queue.shift(); copy !== undefined; copy = queue.shift()) {
      results.set(copy.name, await inspectFile(copy));
    }
  };
  await Promise.all(Array.from({ length: COPIES_IN_FLIGHT }, inspectNext));
}, 240_000);

afterAll(async () => {
  await pool?.close();
  await rm(folder, { recursive: true, force: true });
});

function resultOf(copy: SampleCopy): CopyInspection {
  const result = results.get(copy.name);
  if (result === undefined) {
    throw new Error(`${copy.name} was not inspected`);
  }
  return result;
}

describe('page checks on sample copies', () => {
  it('reads the code on 99 % of 100 pages', () => {
    const clean = [...CLEAN_150, CLEAN_300];
    let pages = 0;
    let read = 0;
    for (const copy of clean) {
      for (const page of resultOf(copy).pages) {
        pages += 1;
        if (page.header.anonymousCode === copy.anonymousCode) {
          read += 1;
        }
      }
    }

    expect(pages).toBe(100);
    expect(read / pages).toBeGreaterThanOrEqual(0.99);
  });

  it('reads the numbering of clean pages', () => {
    for (const copy of [...CLEAN_150, CLEAN_300]) {
      const numbers = resultOf(copy).pages.map((p) => p.header.pageNumber);
      expect(numbers).toEqual(
        Array.from({ length: copy.pageCount }, (_, index) => index + 1),
      );
    }
  });

  it('finds nothing on clean copies', () => {
    for (const copy of [...CLEAN_150, CLEAN_300]) {
      expect(resultOf(copy).findings, copy.name).toEqual([]);
    }
  });

  it('finds the page of another copy', () => {
    expect(resultOf(WRONG_COPY).findings).toEqual([
      {
        kind: 'wrong-copy',
        pages: [3],
        anonymousCode: 'A000005058',
        expectedCode: 'A000005057',
      },
    ]);
  });

  it('finds the missing page', () => {
    expect(resultOf(MISSING_PAGE).findings).toEqual([
      {
        kind: 'page-count-mismatch',
        pages: [1, 2, 3, 4],
        declaredPageCount: 5,
        filePageCount: 4,
      },
      { kind: 'page-number-missing', pages: [1, 2], pageNumber: 2 },
    ]);
  });

  it('finds the blank page', () => {
    const result = resultOf(BLANK_PAGE);

    expect(result.findings).toEqual([{ kind: 'blank-page', pages: [4] }]);
    expect(result.pages[3]?.inkRatio).toBe(0);
  });

  it('finds the upside-down page', () => {
    const result = resultOf(UPSIDE_DOWN);

    expect(result.findings).toEqual([{ kind: 'upside-down', pages: [2] }]);
    expect(result.pages[1]?.header.pageNumber).toBe(2);
  });

  it('finds the sideways page', () => {
    const result = resultOf(SIDEWAYS);

    expect(result.findings).toEqual([{ kind: 'sideways', pages: [1] }]);
    expect(result.pages[0]?.orientation).toBe(270);
  });
});
