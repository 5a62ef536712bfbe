import { describe, expect, it } from 'vitest';

import {
  findCopyProblems,
  type PageInspection,
} from '../../../../shared/ocr/copy-findings';
import type { HeaderFields } from '../../../../shared/ocr/header-fields';

const CODE = 'A000005057';

/** Returns an upright page showing `code` and "Page number / count". */
function page(
  position: number,
  number: number | undefined,
  count: number,
  header: Partial<HeaderFields> = {},
): PageInspection {
  return {
    page: position,
    blank: false,
    inkRatio: 0.05,
    orientation: 0,
    header: {
      labelFound: true,
      anonymousCode: CODE,
      pageCount: count,
      pageNumber: number,
      numberingCount: number === undefined ? undefined : count,
      ...header,
    },
    confidence: 90,
  };
}

function blankPage(position: number): PageInspection {
  return {
    page: position,
    blank: true,
    inkRatio: 0,
    header: { labelFound: false },
    confidence: 0,
  };
}

function cleanCopy(count: number): PageInspection[] {
  return Array.from({ length: count }, (_, index) =>
    page(index + 1, index + 1, count),
  );
}

describe('findCopyProblems', () => {
  it('finds nothing on a clean copy', () => {
    const verdict = findCopyProblems(cleanCopy(4));

    expect(verdict.findings).toEqual([]);
    expect(verdict.expectedCode).toBe(CODE);
    expect(verdict.expectedCodeSource).toBe('majority');
    expect(verdict.declaredPageCount).toBe(4);
  });

  it('finds a page of another copy', () => {
    const pages = cleanCopy(4);
    pages[2] = page(3, 3, 4, { anonymousCode: 'A000005058' });

    expect(findCopyProblems(pages).findings).toEqual([
      {
        kind: 'wrong-copy',
        pages: [3],
        anonymousCode: 'A000005058',
        expectedCode: CODE,
      },
    ]);
  });

  it('forgives OCR slips in the code', () => {
    const pages = cleanCopy(3);
    pages[1] = page(2, 2, 3, { anonymousCode: 'AOOOOO5O57' });

    expect(findCopyProblems(pages).findings).toEqual([]);
  });

  it('compares with the code given', () => {
    const verdict = findCopyProblems(cleanCopy(2), {
      expectedCode: 'a000009999',
    });

    expect(verdict.expectedCode).toBe('A000009999');
    expect(verdict.expectedCodeSource).toBe('given');
    expect(verdict.findings).toEqual([
      {
        kind: 'wrong-copy',
        pages: [1, 2],
        anonymousCode: CODE,
        expectedCode: 'A000009999',
      },
    ]);
  });

  it('falls back to the code given for no code read', () => {
    const pages = cleanCopy(2).map((p) => ({
      ...p,
      header: { ...p.header, anonymousCode: undefined },
    }));
    const verdict = findCopyProblems(pages, { fallbackCode: CODE });

    expect(verdict.expectedCode).toBe(CODE);
    expect(verdict.expectedCodeSource).toBe('fallback');
    expect(verdict.findings).toEqual([{ kind: 'code-missing', pages: [1, 2] }]);
  });

  it('prefers the code read to the fallback', () => {
    const verdict = findCopyProblems(cleanCopy(2), {
      fallbackCode: 'SCAN-0001',
    });

    expect(verdict.expectedCode).toBe(CODE);
    expect(verdict.expectedCodeSource).toBe('majority');
  });

  it('finds a missing page', () => {
    // The sheet numbered 2 was lost: the file has 3 of the 4 declared pages.
    const pages = [page(1, 1, 4), page(2, 3, 4), page(3, 4, 4)];

    expect(findCopyProblems(pages).findings).toEqual([
      {
        kind: 'page-count-mismatch',
        pages: [1, 2, 3],
        declaredPageCount: 4,
        filePageCount: 3,
      },
      { kind: 'page-number-missing', pages: [1, 2], pageNumber: 2 },
    ]);
  });

  it('finds a missing last page', () => {
    const pages = [page(1, 1, 3), page(2, 2, 3)];

    expect(findCopyProblems(pages).findings).toContainEqual({
      kind: 'page-number-missing',
      pages: [2],
      pageNumber: 3,
    });
  });

  it('finds a repeated page', () => {
    const pages = [page(1, 1, 3), page(2, 2, 3), page(3, 2, 3)];

    expect(findCopyProblems(pages).findings).toEqual([
      { kind: 'page-number-repeated', pages: [2, 3], pageNumber: 2 },
      { kind: 'page-number-missing', pages: [3], pageNumber: 3 },
    ]);
  });

  it('finds pages out of sequence', () => {
    const pages = [page(1, 1, 4), page(2, 3, 4), page(3, 2, 4), page(4, 4, 4)];

    expect(findCopyProblems(pages).findings).toEqual([
      { kind: 'page-out-of-sequence', pages: [2, 3] },
    ]);
  });

  it('finds a blank page without a missing number', () => {
    const pages = [page(1, 1, 3), blankPage(2), page(3, 3, 3)];

    expect(findCopyProblems(pages).findings).toEqual([
      { kind: 'blank-page', pages: [2] },
    ]);
  });

  it('finds turned pages', () => {
    const pages = cleanCopy(4);
    pages[1] = { ...(pages[1] as PageInspection), orientation: 180 };
    pages[2] = { ...(pages[2] as PageInspection), orientation: 90 };
    pages[3] = { ...(pages[3] as PageInspection), orientation: 270 };

    expect(findCopyProblems(pages).findings).toEqual([
      { kind: 'upside-down', pages: [2] },
      { kind: 'sideways', pages: [3, 4] },
    ]);
  });

  it('finds a page whose header was not read', () => {
    const pages = cleanCopy(3);
    pages[1] = {
      ...(pages[1] as PageInspection),
      orientation: undefined,
      header: { labelFound: false },
      confidence: 12,
    };

    expect(findCopyProblems(pages).findings).toEqual([
      { kind: 'code-missing', pages: [2] },
      { kind: 'page-number-unread', pages: [2] },
    ]);
  });

  it('takes the count most pages declare', () => {
    const pages = cleanCopy(3);
    pages[0] = page(1, 1, 3, { pageCount: 8 });

    const verdict = findCopyProblems(pages);
    expect(verdict.declaredPageCount).toBe(3);
    expect(verdict.findings).toEqual([]);
  });

  it('finds nothing but the blank pages of an empty file', () => {
    const verdict = findCopyProblems([blankPage(1), blankPage(2)]);

    expect(verdict.expectedCodeSource).toBe('none');
    expect(verdict.findings).toEqual([{ kind: 'blank-page', pages: [1, 2] }]);
  });
});
