/**
 * Page-integrity findings as the client stores and shows them, and the scan
 * report each one prefills. Page numbers count from 1 in scan order.
 */
import type { ReportKind } from '../../../shared/api/schemas';
import type {
  CopyFinding,
  CopyFindingKind,
} from '../../../shared/ocr/copy-findings';

/** A problem that the integrity checks found in a copy's scan. */
export type IntegrityFinding = CopyFinding;

export type IntegrityFindingKind = CopyFindingKind;

/** The scan report that a finding opens, before the examiner edits it. */
export interface ReportPrefill {
  kind: ReportKind;
  pages: number[];
  note: string;
}

/**
 * Builds the scan report a finding suggests. The note is in French, the
 * language of the exam office that reads reports, and quotes what the check
 * read, so the examiner can confirm or correct it.
 */
export function prefillReport(
  finding: IntegrityFinding,
  pageCount: number,
): ReportPrefill {
  const pages = finding.pages.filter((page) => page >= 1 && page <= pageCount);
  // "1 et 2", "1, 2 et 3": the note is read by the exam office in French.
  const pageList = new Intl.ListFormat('fr', { type: 'conjunction' }).format(
    pages.map(String),
  );

  switch (finding.kind) {
    case 'wrong-copy':
      return {
        kind: 'wrong-copy',
        pages,
        note: `Page ${pageList} : code d’anonymat lu ${finding.anonymousCode} au lieu de ${finding.expectedCode}.`,
      };
    case 'code-missing':
      return {
        kind: 'other',
        pages,
        note: `Page ${pageList} : code d’anonymat illisible ou absent de l’en-tête.`,
      };
    case 'page-count-mismatch':
      return {
        kind: 'missing-page',
        pages: pages.length > 0 ? pages : [pageCount],
        note: `La copie compte ${finding.filePageCount} pages scannées, l’en-tête en annonce ${finding.declaredPageCount}.`,
      };
    case 'page-number-missing':
      return {
        kind: 'missing-page',
        pages,
        note: `Aucune page ne porte le numéro ${finding.pageNumber} (entre les pages ${pageList} du scan).`,
      };
    case 'page-number-repeated':
      return {
        kind: 'missing-page',
        pages,
        note: `Plusieurs pages portent le numéro ${finding.pageNumber} : pages ${pageList} du scan.`,
      };
    case 'page-out-of-sequence':
      return {
        kind: 'missing-page',
        pages,
        note: `Pages ${pageList} dans le désordre.`,
      };
    case 'page-number-unread':
      return {
        kind: 'other',
        pages,
        note: `Page ${pageList} : numéro de page illisible dans l’en-tête.`,
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
        note: `Page ${pageList} scannée à l’envers.`,
      };
    case 'sideways':
      return {
        kind: 'unreadable-page',
        pages,
        note: `Page ${pageList} scannée de travers (tournée d’un quart de tour).`,
      };
  }
}
