import { describe, expect, it } from 'vitest';

import {
  MAX_NOTE_LENGTH,
  ReportInputError,
  checkReportInput,
  type ReportInput,
} from '../../../../../renderer/core/reports/report-input';
import type { CopyRow } from '../../../../../renderer/core/store/rows';
import { copyRow } from '../store/test-store';

const COPY = copyRow('c1', { pageCount: 4 });

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    copyId: 'c1',
    kind: 'unreadable-page',
    pages: [2],
    note: '',
    ...overrides,
  };
}

/** Runs the check and returns the error it raised, failing if it raised none. */
function problemOf(
  candidate: ReportInput,
  copy: CopyRow | undefined,
): ReportInputError {
  try {
    checkReportInput(candidate, copy);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportInputError);
    return error as ReportInputError;
  }
  throw new Error(`expected ${JSON.stringify(candidate)} to be rejected`);
}

describe('checkReportInput', () => {
  it('sorts pages and drops repeats', () => {
    const checked = checkReportInput(input({ pages: [4, 1, 4, 2, 1] }), COPY);

    expect(checked.pages).toEqual([1, 2, 4]);
  });

  it('trims the note', () => {
    const checked = checkReportInput(input({ note: '  pâle  \n' }), COPY);

    expect(checked.note).toBe('pâle');
  });

  it('accepts the first and last page', () => {
    const checked = checkReportInput(input({ pages: [1, 4] }), COPY);

    expect(checked).toEqual({
      kind: 'unreadable-page',
      pages: [1, 4],
      note: '',
    });
  });

  it('accepts other with a note and no page', () => {
    const checked = checkReportInput(
      input({ kind: 'other', pages: [], note: 'Feuille de brouillon' }),
      COPY,
    );

    expect(checked).toEqual({
      kind: 'other',
      pages: [],
      note: 'Feuille de brouillon',
    });
  });

  it.each([
    ['missing-page'],
    ['unreadable-page'],
    ['wrong-copy'],
    ['not-anonymous'],
  ])('requires a page for %s', (kind) => {
    const error = problemOf(input({ kind, pages: [] }), COPY);

    expect(error.problem).toEqual({ code: 'no-pages', kind });
    expect(error.field).toBe('pages');
    expect(error.message).toContain('at least one page');
  });

  it('rejects an unknown kind, naming it', () => {
    const error = problemOf(input({ kind: 'coffee-stain' }), COPY);

    expect(error.problem).toEqual({
      code: 'unknown-kind',
      kind: 'coffee-stain',
    });
    expect(error.field).toBe('kind');
    expect(error.message).toContain('"coffee-stain"');
    expect(error.message).toContain('missing-page');
  });

  it.each([
    ['page 0', 0],
    ['a negative page', -1],
    ['a page past the end', 5],
  ])('rejects %s', (_case, page) => {
    const error = problemOf(input({ pages: [1, page] }), COPY);

    expect(error.problem).toEqual({
      code: 'page-out-of-range',
      page,
      pageCount: 4,
    });
    expect(error.field).toBe('pages');
    expect(error.message).toContain(`Page ${page} `);
    expect(error.message).toContain('pages 1 to 4');
  });

  it.each([
    ['a fraction', 1.5],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
  ])('rejects %s as a page', (_case, page) => {
    const error = problemOf(input({ pages: [page] }), COPY);

    expect(error.problem).toEqual({ code: 'invalid-page', page, pageCount: 4 });
    expect(error.message).toContain('not a whole number');
  });

  it('requires a note for other', () => {
    const error = problemOf(
      input({ kind: 'other', pages: [1], note: '   ' }),
      COPY,
    );

    expect(error.problem).toEqual({ code: 'note-required' });
    expect(error.field).toBe('note');
  });

  it('takes a note at the maximum length', () => {
    const note = 'é'.repeat(MAX_NOTE_LENGTH);

    expect(checkReportInput(input({ note }), COPY).note).toBe(note);
  });

  it('rejects a note over the maximum length', () => {
    const error = problemOf(
      input({ note: 'a'.repeat(MAX_NOTE_LENGTH + 1) }),
      COPY,
    );

    expect(error.problem).toEqual({
      code: 'note-too-long',
      length: MAX_NOTE_LENGTH + 1,
      maxLength: MAX_NOTE_LENGTH,
    });
    expect(error.field).toBe('note');
  });

  it('counts code points, as the server does', () => {
    // Each emoji is one code point and two UTF-16 units.
    const note = '😀'.repeat(MAX_NOTE_LENGTH);

    expect(note.length).toBe(2 * MAX_NOTE_LENGTH);
    expect(checkReportInput(input({ note }), COPY).note).toBe(note);
  });

  it('takes the note limit from the API schema', () => {
    expect(Number.isInteger(MAX_NOTE_LENGTH)).toBe(true);
    expect(MAX_NOTE_LENGTH).toBeGreaterThan(0);
  });

  it('rejects a copy that is not stored', () => {
    const error = problemOf(input({ copyId: 'c9' }), undefined);

    expect(error.problem).toEqual({ code: 'copy-not-found', copyId: 'c9' });
    expect(error.field).toBeNull();
    expect(error.message).toContain('refresh the batches');
  });

  it('rejects a withdrawn copy', () => {
    const withdrawn = copyRow('c1', { withdrawnAt: '2026-06-20T10:00:00Z' });

    const error = problemOf(input(), withdrawn);

    expect(error.problem).toEqual({ code: 'copy-withdrawn', copyId: 'c1' });
  });
});
