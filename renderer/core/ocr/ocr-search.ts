/**
 * Text search in the stored OCR readings of a copy or of a batch. Matching
 * ignores case and accents, because OCR of handwriting and of accented
 * print often loses them, and a query may span several words of a line.
 */
import type { OcrLine, PageBox } from '../../../shared/ocr/ocr-types';
import type { CopydeskDatabase } from '../store/database';
import type { CopyRow } from '../store/rows';
import type { OcrStore } from './ocr-store';

/** One place where the query occurs: a run of words of one line. */
export interface OcrSearchHit {
  copyId: string;
  anonymousCode: string;
  page: number;
  /** Boxes of the matched words, in page-relative units. */
  boxes: PageBox[];
  /** The line the hit is in, as read. */
  context: string;
}

export interface OcrSearchResult {
  /** Hits in copy order (by anonymous code), then page, line and word order. */
  hits: OcrSearchHit[];
  /** Pages searched: those with a whole-page reading. */
  pagesRead: number;
  /** Pages of the copies searched, read or not. */
  pagesTotal: number;
}

/** Copies to search: one copy, or every stored copy of a batch. */
export type OcrSearchScope =
  { kind: 'copy'; copyId: string } | { kind: 'batch'; batchId: string };

/** Queries shorter than this, after trimming, find nothing. */
export const MIN_QUERY_LENGTH = 2;

/**
 * Searches the whole-page readings of the copies in `scope` at their
 * stored revision. Withdrawn copies and copies without a stored scan are
 * left out.
 */
export async function searchReadings(
  db: CopydeskDatabase,
  store: OcrStore,
  scope: OcrSearchScope,
  query: string,
): Promise<OcrSearchResult> {
  const copies = (await copiesIn(db, scope))
    .filter((copy) => copy.storedRevision !== null && !copy.withdrawnAt)
    .sort((a, b) => a.anonymousCode.localeCompare(b.anonymousCode));
  // Words on a line are joined by single spaces, so the query's spaces are too.
  const needle = normalizeText(query.trim().replace(/\s+/g, ' '));
  const result: OcrSearchResult = {
    hits: [],
    pagesRead: 0,
    pagesTotal: 0,
  };

  for (const copy of copies) {
    result.pagesTotal += copy.pageCount;
    const readings = await store.loadCopyReadings(
      copy.id,
      copy.storedRevision as number,
    );
    for (const { page, scope: readScope, reading } of readings) {
      if (readScope !== 'page') {
        continue;
      }
      result.pagesRead += 1;
      if (needle.length < MIN_QUERY_LENGTH) {
        continue;
      }
      for (const line of reading.lines) {
        for (const boxes of findInLine(line, needle)) {
          result.hits.push({
            copyId: copy.id,
            anonymousCode: copy.anonymousCode,
            page,
            boxes,
            context: lineText(line),
          });
        }
      }
    }
  }
  return result;
}

/** Lowercases `text` and removes its accents, keeping one character per character. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'");
}

/** Returns the line's words joined by single spaces. */
export function lineText(line: OcrLine): string {
  return line.words.map((word) => word.text).join(' ');
}

/**
 * Returns the word boxes of each occurrence of `needle` (normalized) in the
 * line, words joined by single spaces. An occurrence may start or end
 * inside a word, and covers each word it touches.
 */
function findInLine(line: OcrLine, needle: string): PageBox[][] {
  const starts: number[] = [];
  let text = '';
  for (const word of line.words) {
    if (text !== '') {
      text += ' ';
    }
    starts.push(text.length);
    text += normalizeText(word.text);
  }

  const found: PageBox[][] = [];
  let from = text.indexOf(needle);
  while (from !== -1) {
    const to = from + needle.length;
    const boxes = line.words
      .filter((word, index) => {
        const start = starts[index] as number;
        const end = start + normalizeText(word.text).length;
        return start < to && end > from;
      })
      .map((word) => word.box);
    found.push(boxes);
    from = text.indexOf(needle, to);
  }
  return found;
}

async function copiesIn(
  db: CopydeskDatabase,
  scope: OcrSearchScope,
): Promise<CopyRow[]> {
  if (scope.kind === 'copy') {
    const copy = await db.copies.get(scope.copyId);
    return copy === undefined ? [] : [copy];
  }
  return db.copies.where('batchId').equals(scope.batchId).toArray();
}
