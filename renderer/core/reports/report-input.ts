/**
 * The checks a scan report passes before it is stored: the rules the server
 * applies, checked against the copy as stored on this computer, so the
 * examiner learns at once what to fix rather than after the report was
 * sent.
 */
import {
  REPORT_KINDS,
  ReportRequest,
  type ReportKind,
} from '../../../shared/api/schemas';
import type { CopyRow } from '../store/rows';

/** Maximum length of a report's note, in Unicode code points, as the API sets it. */
export const MAX_NOTE_LENGTH = readNoteMaxLength();

/** The examiner's input for a report of a problem with a copy's scan. */
export interface ReportInput {
  copyId: string;
  kind: string;
  /** Page numbers, counted from 1, in any order. */
  pages: readonly number[];
  note: string;
}

/** A report that passed the checks, ready to store and send. */
export interface CheckedReport {
  kind: ReportKind;
  /** Sorted, without repeats. */
  pages: number[];
  /** The note without leading and trailing white space. */
  note: string;
}

/** A problem that keeps a report from being filed, with the values a message needs. */
export type ReportInputProblem =
  | { code: 'unknown-kind'; kind: string }
  | { code: 'no-pages'; kind: ReportKind }
  | { code: 'invalid-page'; page: number; pageCount: number }
  | { code: 'page-out-of-range'; page: number; pageCount: number }
  | { code: 'note-required' }
  | { code: 'note-too-long'; length: number; maxLength: number }
  | { code: 'copy-not-found'; copyId: string }
  | { code: 'copy-withdrawn'; copyId: string };

/** The form field that a problem is about; null when it is the copy itself. */
export type ReportField = 'kind' | 'pages' | 'note';

/**
 * Raised by `fileReport` for input it does not store. `problem` lets the
 * app show the message in the examiner's language; `message` is the
 * English text for logs.
 */
export class ReportInputError extends Error {
  readonly field: ReportField | null;

  constructor(readonly problem: ReportInputProblem) {
    super(describeProblem(problem));
    this.name = 'ReportInputError';
    this.field = fieldOf(problem);
  }
}

/**
 * Checks the input against the stored copy and returns the report to store.
 * Raises `ReportInputError` for the first problem found.
 */
export function checkReportInput(
  input: ReportInput,
  copy: CopyRow | undefined,
): CheckedReport {
  if (copy === undefined) {
    throw new ReportInputError({
      code: 'copy-not-found',
      copyId: input.copyId,
    });
  }
  if (copy.withdrawnAt !== null) {
    throw new ReportInputError({ code: 'copy-withdrawn', copyId: copy.id });
  }

  const kind = REPORT_KINDS.find((known) => known === input.kind);
  if (kind === undefined) {
    throw new ReportInputError({ code: 'unknown-kind', kind: input.kind });
  }

  const pages = checkPages(input.pages, copy.pageCount);
  if (pages.length === 0 && kind !== 'other') {
    throw new ReportInputError({ code: 'no-pages', kind });
  }

  const note = input.note.trim();
  // A report of kind `other` with no note gives the exam office nothing to act on.
  if (kind === 'other' && note === '') {
    throw new ReportInputError({ code: 'note-required' });
  }
  // JSON Schema's `maxLength`, which the server checks, counts code points.
  const length = [...note].length;
  if (length > MAX_NOTE_LENGTH) {
    throw new ReportInputError({
      code: 'note-too-long',
      length,
      maxLength: MAX_NOTE_LENGTH,
    });
  }

  return { kind, pages, note };
}

function checkPages(pages: readonly number[], pageCount: number): number[] {
  for (const page of pages) {
    if (!Number.isInteger(page)) {
      throw new ReportInputError({ code: 'invalid-page', page, pageCount });
    }
    if (page < 1 || page > pageCount) {
      throw new ReportInputError({
        code: 'page-out-of-range',
        page,
        pageCount,
      });
    }
  }
  return [...new Set(pages)].sort((a, b) => a - b);
}

function fieldOf(problem: ReportInputProblem): ReportField | null {
  switch (problem.code) {
    case 'unknown-kind':
      return 'kind';
    case 'no-pages':
    case 'invalid-page':
    case 'page-out-of-range':
      return 'pages';
    case 'note-required':
    case 'note-too-long':
      return 'note';
    case 'copy-not-found':
    case 'copy-withdrawn':
      return null;
  }
}

function describeProblem(problem: ReportInputProblem): string {
  switch (problem.code) {
    case 'unknown-kind':
      return `Report kind "${problem.kind}" is unknown: use one of ${REPORT_KINDS.join(', ')}`;
    case 'no-pages':
      return `A report of kind "${problem.kind}" needs at least one page: select the pages concerned`;
    case 'invalid-page':
      return `Page ${problem.page} is not a whole number: give page numbers from 1 to ${problem.pageCount}`;
    case 'page-out-of-range':
      return `Page ${problem.page} is out of range: the copy has pages 1 to ${problem.pageCount}`;
    case 'note-required':
      return 'A report of kind "other" needs a note: describe the problem';
    case 'note-too-long':
      return `The note has ${problem.length} characters, more than the ${problem.maxLength} the server accepts: shorten it`;
    case 'copy-not-found':
      return `Copy ${problem.copyId} is not in the local store: refresh the batches, then report again`;
    case 'copy-withdrawn':
      return `Copy ${problem.copyId} was withdrawn from the batch, so it needs no report`;
  }
}

// TypeBox keeps `maxLength` on the schema object but not in its type.
function readNoteMaxLength(): number {
  const schema: { type: string; maxLength?: number } =
    ReportRequest.properties.note;
  if (schema.maxLength === undefined) {
    throw new Error(
      'ReportRequest.note in shared/api/schemas.ts has no maxLength: give it one',
    );
  }
  return schema.maxLength;
}
