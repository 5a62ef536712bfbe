/**
 * Options of one sample copy, their defaults, and their validation. Every
 * invalid option raises a `RangeError` that names the option and the value.
 */
import { DEFAULT_HEADER_LABELS, type HeaderLabels } from './header';
import { SCAN_DPI_VALUES, type ScanDpi } from './page-geometry';

/**
 * A defect to put into a copy, as exam-office integrity checks look for.
 * Pages count from 1, as in the grading API.
 */
export type CopyAnomaly =
  /** A sheet with scan noise only: no header and no writing. */
  | { kind: 'blank-page'; page: number }
  /** A sheet scanned head first: the page image is turned 180°. */
  | { kind: 'upside-down'; page: number }
  /**
   * A sheet fed sideways: the sheet is turned 90° clockwise, so the page
   * is A4 landscape with the header band down its right edge.
   */
  | { kind: 'sideways'; page: number }
  /**
   * A sheet from another candidate: its header carries `anonymousCode`
   * (by default a code derived from this copy's code).
   */
  | { kind: 'wrong-copy'; page: number; anonymousCode?: string }
  /**
   * A sheet lost before scanning: the printed numbering skips `pageNumber`
   * (from 1 to the page count, so a later page shows the gap), and the
   * header declares one page more than the PDF has.
   */
  | { kind: 'missing-page'; pageNumber: number };

export interface CopyOptions {
  /** Anonymous code printed in every header, such as "A000005057". */
  anonymousCode: string;
  /** Pages in the PDF, from 1 to `MAX_PAGE_COUNT`. */
  pageCount: number;
  /** Scan resolution in dots per inch: 150 (default) or 300. */
  dpi?: ScanDpi;
  /** Seed of every random choice; the same options give the same bytes. Default 1. */
  seed?: number;
  /** Exam title printed in the header. */
  title?: string;
  /** Subject printed in the header. */
  subject?: string;
  /** Labels printed in the header; by default those of the usual French sheet. */
  headerLabels?: HeaderLabels;
  anomalies?: readonly CopyAnomaly[];
}

export type ResolvedCopyOptions = Required<CopyOptions>;

export const MAX_PAGE_COUNT = 100;

export const DEFAULT_COPY_OPTIONS = {
  dpi: 150,
  seed: 1,
  title: 'Baccalaureat 2026, philosophie',
  subject: 'Philosophie',
  headerLabels: DEFAULT_HEADER_LABELS,
} as const;

function checkPage(value: unknown, field: string, pageCount: number): void {
  if (
    !Number.isInteger(value) ||
    (value as number) < 1 ||
    (value as number) > pageCount
  ) {
    throw new RangeError(
      `Invalid ${field}: ${String(value)}. Use a page number from 1 to ${pageCount}, the copy's page count.`,
    );
  }
}

/** Fills in defaults and checks every option. */
export function resolveCopyOptions(options: CopyOptions): ResolvedCopyOptions {
  const resolved: ResolvedCopyOptions = {
    ...DEFAULT_COPY_OPTIONS,
    anomalies: [],
    ...options,
  };

  if (
    typeof resolved.anonymousCode !== 'string' ||
    resolved.anonymousCode.trim() === ''
  ) {
    throw new RangeError(
      'Invalid anonymousCode: it is empty. Give the code printed on the copy, such as "A000005057".',
    );
  }
  if (
    !Number.isInteger(resolved.pageCount) ||
    resolved.pageCount < 1 ||
    resolved.pageCount > MAX_PAGE_COUNT
  ) {
    throw new RangeError(
      `Invalid pageCount: ${String(resolved.pageCount)}. Use a whole number from 1 to ${MAX_PAGE_COUNT}.`,
    );
  }
  if (!SCAN_DPI_VALUES.includes(resolved.dpi)) {
    throw new RangeError(
      `Invalid dpi: ${String(resolved.dpi)}. Use ${SCAN_DPI_VALUES.join(' or ')}.`,
    );
  }
  if (
    !Number.isInteger(resolved.seed) ||
    resolved.seed < 0 ||
    resolved.seed > 0xffffffff
  ) {
    throw new RangeError(
      `Invalid seed: ${String(resolved.seed)}. Use a whole number from 0 to 4294967295.`,
    );
  }

  for (const [name, label] of Object.entries(resolved.headerLabels)) {
    if (typeof label !== 'string' || label.trim() === '') {
      throw new RangeError(
        `Invalid headerLabels.${name}: ${JSON.stringify(label)}. Give the printed label as text, such as "${DEFAULT_HEADER_LABELS[name as keyof HeaderLabels]}".`,
      );
    }
  }

  let missingPages = 0;
  resolved.anomalies.forEach((anomaly, index) => {
    const field = `anomalies[${index}]`;
    switch (anomaly.kind) {
      case 'blank-page':
      case 'upside-down':
      case 'sideways':
      case 'wrong-copy':
        checkPage(anomaly.page, `${field}.page`, resolved.pageCount);
        break;
      case 'missing-page':
        missingPages += 1;
        checkPage(
          anomaly.pageNumber,
          `${field}.pageNumber`,
          resolved.pageCount,
        );
        break;
      default:
        throw new RangeError(
          `Invalid ${field}.kind: ${String((anomaly as { kind: unknown }).kind)}. Use blank-page, upside-down, sideways, wrong-copy or missing-page.`,
        );
    }
  });
  if (missingPages > 1) {
    throw new RangeError(
      `Invalid anomalies: ${missingPages} missing-page entries. A copy may skip at most one page number.`,
    );
  }

  return resolved;
}
