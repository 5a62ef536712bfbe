/**
 * Text and JSON reports of the scan check: a table of what was read on each
 * page, then OK or the findings of each file.
 */
import type {
  CopyFinding,
  ExpectedCodeSource,
  PageInspection,
} from '../../shared/ocr/copy-findings';
import type { FileCheckResult } from './check-file';

const CODE_ORIGINS: Record<ExpectedCodeSource, string> = {
  given: 'from --code',
  majority: 'read on most pages',
  fallback: 'from the file name',
  none: 'unknown',
};

function pageList(pages: number[]): string {
  if (pages.length === 0) {
    return 'copy';
  }
  return `${pages.length === 1 ? 'page' : 'pages'} ${pages.join(', ')}`;
}

/** Describes a finding in one English sentence, without its pages. */
export function describeFinding(finding: CopyFinding): string {
  switch (finding.kind) {
    case 'code-missing':
      return 'no anonymous code read in the header';
    case 'wrong-copy':
      return `anonymous code ${finding.anonymousCode} instead of ${finding.expectedCode}: a sheet of another copy`;
    case 'page-count-mismatch':
      return `the header declares ${finding.declaredPageCount} pages but the file has ${finding.filePageCount}`;
    case 'page-number-missing':
      return `no page is numbered ${finding.pageNumber}`;
    case 'page-number-repeated':
      return `page number ${finding.pageNumber} appears more than once`;
    case 'page-out-of-sequence':
      return 'page numbers out of sequence';
    case 'page-number-unread':
      return 'no page number read in the header';
    case 'blank-page':
      return 'blank page';
    case 'upside-down':
      return 'page scanned upside down';
    case 'sideways':
      return 'page scanned sideways';
  }
}

function orientationText(page: PageInspection): string {
  if (page.blank) {
    return '-';
  }
  switch (page.orientation) {
    case undefined:
      return 'unknown';
    case 0:
      return 'upright';
    case 180:
      return 'upside down';
    case 90:
      return 'sideways (turn 90° clockwise)';
    case 270:
      return 'sideways (turn 90° anticlockwise)';
  }
}

function pageRow(page: PageInspection): string[] {
  const { header } = page;
  let numbering = '-';
  if (header.pageNumber !== undefined) {
    numbering = `${header.pageNumber} / ${header.numberingCount ?? '?'}`;
  }
  return [
    String(page.page),
    header.anonymousCode ?? '-',
    numbering,
    page.blank ? 'yes' : 'no',
    orientationText(page),
  ];
}

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** Formats one file's result as lines of text. */
export function formatFileReport(result: FileCheckResult): string[] {
  if (!result.ok) {
    return [`${result.file}: UNREADABLE`, `  ${result.message}`];
  }

  const { inspection } = result;
  const lines = [`${result.file} (${inspection.pages.length} pages)`];
  const rows = [
    ['page', 'code', 'numbering', 'blank', 'orientation'],
    ...inspection.pages.map(pageRow),
  ];
  lines.push(...table(rows).map((line) => `  ${line}`));

  if (inspection.expectedCode === undefined) {
    lines.push(
      '  expected code: unknown, because no code was read (give --code)',
    );
  } else {
    const origin = CODE_ORIGINS[inspection.expectedCodeSource];
    lines.push(`  expected code: ${inspection.expectedCode} (${origin})`);
  }

  if (inspection.findings.length === 0) {
    lines.push('  OK');
  } else {
    lines.push(`  ${inspection.findings.length} finding(s):`);
    for (const finding of inspection.findings) {
      lines.push(`  - ${pageList(finding.pages)}: ${describeFinding(finding)}`);
    }
  }
  return lines;
}

/** Builds the `--json` document: every file's pages and findings, or its error. */
export function jsonReport(results: FileCheckResult[]): unknown {
  return {
    ok: results.every(
      (result) => result.ok && result.inspection.findings.length === 0,
    ),
    files: results.map((result) =>
      result.ok
        ? {
            file: result.file,
            ok: result.inspection.findings.length === 0,
            pageCount: result.inspection.pages.length,
            expectedCode: result.inspection.expectedCode ?? null,
            expectedCodeSource: result.inspection.expectedCodeSource,
            declaredPageCount: result.inspection.declaredPageCount ?? null,
            pages: result.inspection.pages,
            findings: result.inspection.findings.map((finding) => ({
              ...finding,
              message: describeFinding(finding),
            })),
          }
        : { file: result.file, ok: false, error: result.message },
    ),
  };
}
