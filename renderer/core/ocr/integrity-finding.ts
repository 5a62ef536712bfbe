/**
 * Page-integrity findings as the client stores and shows them, and the scan
 * report each one prefills. Page numbers count from 1 in scan order.
 */
import type { ReportKind } from '../../../shared/api/schemas';

/**
 * What a check found wrong with a copy's scan:
 *
 * - `code-missing`: no anonymous code could be read in a page's header.
 * - `wrong-code`: a page's header carries another copy's code.
 * - `page-count`: the scan has more or fewer pages than the header's
 *   "Nombre de pages" states.
 * - `page-numbering`: the headers' "Page i / N" skip or repeat a number.
 * - `blank-page`: a page with almost no ink.
 * - `upside-down`, `sideways`: a page scanned rotated by 180 or 90 degrees.
 */
export type IntegrityFindingKind =
  | 'code-missing'
  | 'wrong-code'
  | 'page-count'
  | 'page-numbering'
  | 'blank-page'
  | 'upside-down'
  | 'sideways';

export interface IntegrityFinding {
  kind: IntegrityFindingKind;
  /** Scan pages the finding is about, sorted; empty for the whole copy. */
  pages: number[];
  /** What the copy should show, such as its own code or page count. */
  expected?: string;
  /** What was read instead, such as another copy's code. */
  found?: string;
}

/** The scan report that a finding opens, before the examiner edits it. */
export interface ReportPrefill {
  kind: ReportKind;
  pages: number[];
  note: string;
}

/**
 * Builds the scan report a finding suggests. The note is in French, the
 * language of the exam office that reads reports, and says what the check
 * read, so the examiner can confirm or correct it.
 */
export function prefillReport(
  finding: IntegrityFinding,
  pageCount: number,
): ReportPrefill {
  const pages = finding.pages.filter((page) => page >= 1 && page <= pageCount);
  const pageList = pages.join(', ');

  switch (finding.kind) {
    case 'wrong-code':
      return {
        kind: 'wrong-copy',
        pages,
        note: `Page ${pageList} : code d'anonymat lu ${finding.found ?? '?'} au lieu de ${finding.expected ?? '?'}.`,
      };
    case 'code-missing':
      return {
        kind: 'other',
        pages,
        note: `Page ${pageList} : code d'anonymat illisible ou absent de l'en-tête.`,
      };
    case 'page-count':
      return {
        kind: 'missing-page',
        pages: pages.length > 0 ? pages : [pageCount],
        note: `La copie compte ${finding.found ?? '?'} pages scannées, l'en-tête en annonce ${finding.expected ?? '?'}.`,
      };
    case 'page-numbering':
      return {
        kind: 'missing-page',
        pages,
        note: `Numérotation des pages interrompue près de la page ${pageList} : ${finding.found ?? '?'} au lieu de ${finding.expected ?? '?'}.`,
      };
    case 'blank-page':
      return {
        kind: 'unreadable-page',
        pages,
        note: `Page ${pageList} blanche au scan.`,
      };
    case 'upside-down':
      return {
        kind: 'unreadable-page',
        pages,
        note: `Page ${pageList} scannée à l'envers.`,
      };
    case 'sideways':
      return {
        kind: 'unreadable-page',
        pages,
        note: `Page ${pageList} scannée de travers (tournée d'un quart de tour).`,
      };
  }
}
