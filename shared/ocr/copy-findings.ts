/**
 * Copy-level integrity findings from the inspection of each page: pages
 * from another copy, codes not read, a declared page count that differs
 * from the file, page numbers missing, repeated or out of sequence, blank
 * and turned pages.
 */
import { anonymousCodeKey, type HeaderFields } from './header-fields';
import type { PageRotation } from './page-rotation';

/** The result of the checks on one page of a file. */
export interface PageInspection {
  /** Position of the page in the file, from 1. */
  page: number;
  blank: boolean;
  /** Share of the page's inner area that is ink, from 0 to 1. */
  inkRatio: number;
  /**
   * Clockwise turn, beyond the file's own page rotation, that shows the
   * sheet upright: 0 for a sheet scanned the right way up, 180 for one
   * upside down. Undefined for a blank page and for a page whose header
   * labels were read in no orientation.
   */
  orientation?: PageRotation;
  header: HeaderFields;
  /** OCR confidence of the header band read, from 0 to 100; 0 when nothing was read. */
  confidence: number;
}

/** One problem found in a copy, with the pages of the file it concerns (from 1). */
export type CopyFinding =
  /** A non-blank page on which no anonymous code was read. */
  | { kind: 'code-missing'; pages: number[] }
  /** Pages whose code differs from the copy's: sheets of another candidate. */
  | {
      kind: 'wrong-copy';
      pages: number[];
      anonymousCode: string;
      expectedCode: string;
    }
  /** The header declares a page count that differs from the pages in the file. */
  | {
      kind: 'page-count-mismatch';
      pages: number[];
      declaredPageCount: number;
      filePageCount: number;
    }
  /** No page carries this number; `pages` are the pages on either side of the gap. */
  | { kind: 'page-number-missing'; pages: number[]; pageNumber: number }
  /** More than one page carries this number. */
  | { kind: 'page-number-repeated'; pages: number[]; pageNumber: number }
  /** Pages whose number is lower than the number of the page before them. */
  | { kind: 'page-out-of-sequence'; pages: number[] }
  /** A non-blank page of this copy whose "Page i / n" was not read. */
  | { kind: 'page-number-unread'; pages: number[] }
  | { kind: 'blank-page'; pages: number[] }
  | { kind: 'upside-down'; pages: number[] }
  /** A sheet turned a quarter turn either way. */
  | { kind: 'sideways'; pages: number[] };

export type CopyFindingKind = CopyFinding['kind'];

/** The origin of the code that pages are compared with. */
export type ExpectedCodeSource = 'given' | 'majority' | 'fallback' | 'none';

export interface CopyFindingOptions {
  /** The copy's anonymous code, when known. */
  expectedCode?: string;
  /** The code to expect when none is given and no page shows a code, such as one taken from the file name. */
  fallbackCode?: string;
}

export interface CopyVerdict {
  /** The code pages are compared with; undefined when none is known. */
  expectedCode?: string;
  expectedCodeSource: ExpectedCodeSource;
  /** The page count most pages declare; undefined when none was read. */
  declaredPageCount?: number;
  findings: CopyFinding[];
}

/** Returns the value seen most often; ties go to the value seen first. */
function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best: T | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function chooseExpectedCode(
  pages: PageInspection[],
  options: CopyFindingOptions,
): { code?: string; source: ExpectedCodeSource } {
  if (
    options.expectedCode !== undefined &&
    options.expectedCode.trim() !== ''
  ) {
    return { code: options.expectedCode.trim().toUpperCase(), source: 'given' };
  }

  const codes = pages
    .map((page) => page.header.anonymousCode)
    .filter((code): code is string => code !== undefined);
  const key = mostCommon(codes.map(anonymousCodeKey));
  if (key !== undefined) {
    return {
      code: codes.find((code) => anonymousCodeKey(code) === key),
      source: 'majority',
    };
  }

  if (
    options.fallbackCode !== undefined &&
    options.fallbackCode.trim() !== ''
  ) {
    return {
      code: options.fallbackCode.trim().toUpperCase(),
      source: 'fallback',
    };
  }
  return { source: 'none' };
}

function pagesWhere(
  pages: PageInspection[],
  test: (page: PageInspection) => boolean,
): number[] {
  return pages.filter(test).map((page) => page.page);
}

function codeFindings(
  readable: PageInspection[],
  expectedCode: string | undefined,
): CopyFinding[] {
  const findings: CopyFinding[] = [];

  const missing = pagesWhere(
    readable,
    (p) => p.header.anonymousCode === undefined,
  );
  if (missing.length > 0) {
    findings.push({ kind: 'code-missing', pages: missing });
  }
  if (expectedCode === undefined) {
    return findings;
  }

  const expectedKey = anonymousCodeKey(expectedCode);
  const byCode = new Map<string, { code: string; pages: number[] }>();
  for (const page of readable) {
    const code = page.header.anonymousCode;
    if (code === undefined || anonymousCodeKey(code) === expectedKey) {
      continue;
    }
    const key = anonymousCodeKey(code);
    const group = byCode.get(key) ?? { code, pages: [] };
    group.pages.push(page.page);
    byCode.set(key, group);
  }
  for (const group of byCode.values()) {
    findings.push({
      kind: 'wrong-copy',
      pages: group.pages,
      anonymousCode: group.code,
      expectedCode,
    });
  }
  return findings;
}

/**
 * Checks the page numbers of the copy's own pages against the sequence 1 to
 * the declared count. `unnumbered` are the pages whose number cannot count
 * (blank, unread, or another copy's), so a gap beside one of them is
 * reported only when no such page sits in it.
 */
function numberingFindings(
  own: PageInspection[],
  unnumbered: PageInspection[],
  declaredPageCount: number | undefined,
): CopyFinding[] {
  const findings: CopyFinding[] = [];
  const numbered = own.filter((p) => p.header.pageNumber !== undefined);

  const pagesByNumber = new Map<number, number[]>();
  for (const page of numbered) {
    const number = page.header.pageNumber as number;
    pagesByNumber.set(number, [
      ...(pagesByNumber.get(number) ?? []),
      page.page,
    ]);
  }
  for (const [pageNumber, pages] of pagesByNumber) {
    if (pages.length > 1) {
      findings.push({ kind: 'page-number-repeated', pages, pageNumber });
    }
  }

  const outOfSequence = new Set<number>();
  for (let i = 1; i < numbered.length; i++) {
    const previous = numbered[i - 1] as PageInspection;
    const current = numbered[i] as PageInspection;
    if (
      (current.header.pageNumber as number) <
      (previous.header.pageNumber as number)
    ) {
      outOfSequence.add(previous.page);
      outOfSequence.add(current.page);
    }
  }
  if (outOfSequence.size > 0) {
    findings.push({
      kind: 'page-out-of-sequence',
      pages: [...outOfSequence].sort((a, b) => a - b),
    });
  }

  const highestSeen = Math.max(0, ...pagesByNumber.keys());
  const lastNumber = Math.max(declaredPageCount ?? 0, highestSeen);
  for (let pageNumber = 1; pageNumber <= lastNumber; pageNumber++) {
    if (pagesByNumber.has(pageNumber)) {
      continue;
    }
    const before = numbered
      .filter((p) => (p.header.pageNumber as number) < pageNumber)
      .at(-1);
    const after = numbered.find(
      (p) => (p.header.pageNumber as number) > pageNumber,
    );
    const gapStart = before?.page ?? 0;
    const gapEnd = after?.page ?? Number.POSITIVE_INFINITY;
    const explained = unnumbered.some(
      (p) => p.page > gapStart && p.page < gapEnd,
    );
    if (!explained) {
      findings.push({
        kind: 'page-number-missing',
        pages: [before?.page, after?.page].filter(
          (page): page is number => page !== undefined,
        ),
        pageNumber,
      });
    }
  }
  return findings;
}

/**
 * Finds the copy-level problems from the inspection of every page of one
 * file, in file order.
 */
export function findCopyProblems(
  pages: PageInspection[],
  options: CopyFindingOptions = {},
): CopyVerdict {
  const findings: CopyFinding[] = [];

  const blank = pagesWhere(pages, (p) => p.blank);
  if (blank.length > 0) {
    findings.push({ kind: 'blank-page', pages: blank });
  }
  const upsideDown = pagesWhere(pages, (p) => p.orientation === 180);
  if (upsideDown.length > 0) {
    findings.push({ kind: 'upside-down', pages: upsideDown });
  }
  const sideways = pagesWhere(
    pages,
    (p) => p.orientation === 90 || p.orientation === 270,
  );
  if (sideways.length > 0) {
    findings.push({ kind: 'sideways', pages: sideways });
  }

  const readable = pages.filter((p) => !p.blank);
  const expected = chooseExpectedCode(readable, options);
  findings.push(...codeFindings(readable, expected.code));

  // Pages of another copy carry that copy's numbering, so only this copy's
  // pages (and those whose code was not read) count for the numbering.
  const expectedKey =
    expected.code === undefined ? undefined : anonymousCodeKey(expected.code);
  const own = readable.filter(
    (p) =>
      expectedKey === undefined ||
      p.header.anonymousCode === undefined ||
      anonymousCodeKey(p.header.anonymousCode) === expectedKey,
  );

  const declaredPageCount = mostCommon(
    own.flatMap((p) =>
      [p.header.pageCount, p.header.numberingCount].filter(
        (count): count is number => count !== undefined,
      ),
    ),
  );
  if (declaredPageCount !== undefined && declaredPageCount !== pages.length) {
    findings.push({
      kind: 'page-count-mismatch',
      pages: pagesWhere(
        own,
        (p) =>
          p.header.pageCount === declaredPageCount ||
          p.header.numberingCount === declaredPageCount,
      ),
      declaredPageCount,
      filePageCount: pages.length,
    });
  }

  const unread = pagesWhere(own, (p) => p.header.pageNumber === undefined);
  if (unread.length > 0) {
    findings.push({ kind: 'page-number-unread', pages: unread });
  }
  const unnumbered = pages.filter(
    (p) => p.blank || !own.includes(p) || p.header.pageNumber === undefined,
  );
  findings.push(...numberingFindings(own, unnumbered, declaredPageCount));

  return {
    expectedCode: expected.code,
    expectedCodeSource: expected.source,
    declaredPageCount,
    findings,
  };
}
