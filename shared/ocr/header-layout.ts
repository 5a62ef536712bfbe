/**
 * The position of an exam sheet's header band, and the patterns that find the
 * anonymous code, the declared page count and the page numbering in what
 * OCR reads there. A sitting whose sheets differ passes its own layout.
 */
import type { PageBox } from './ocr-types';
import { pageBoxProblem } from './page-rotation';

export interface HeaderLayout {
  /** The header band on an upright page, in page-relative units. */
  band: PageBox;
  /**
   * Regular expression source, matched without regard to case, that finds
   * the anonymous code in a named group `code`.
   */
  anonymousCodePattern: string;
  /** Regular expression source that finds the declared page count in a named group `count`. */
  pageCountPattern: string;
  /**
   * Regular expression source that finds the page numbering ("Page 2 / 4")
   * in named groups `number` and `count`.
   */
  pageNumberPattern: string;
  /**
   * Regular expression source that matches a printed label of the header,
   * even where its value is unreadable. A page whose band matches it is
   * read as upright.
   */
  labelPattern: string;
}

/**
 * The layout of the usual French answer sheet: a header band across the top
 * sixth of an A4 page with "N° Anonymat : <code>", "Nombre de pages : <n>"
 * and "Page <i> / <n>".
 */
export const DEFAULT_HEADER_LAYOUT: HeaderLayout = {
  band: { left: 0, top: 0, right: 1, bottom: 1 / 6 },
  // OCR reads "N°" as "N°", "N'", "No", "N*" or "N" followed by a stray
  // mark, so a short run of such marks after the N is accepted. The code
  // has at least one digit, so a word next to the label is never taken.
  anonymousCodePattern:
    '\\bN\\s*(?:[°º\'’"*.,:o0]{1,3}\\s*)?anonymat\\s*[:;.,]?\\s*(?<code>(?=[A-Z0-9-]*\\d)[A-Z0-9][A-Z0-9-]{3,})',
  pageCountPattern:
    '\\bnombre\\s+de\\s+pages?\\s*[:;.,]?\\s*(?<count>\\d{1,3})\\b',
  pageNumberPattern:
    '\\bpage\\s+(?<number>\\d{1,3})\\s*(?:[/|\\\\]|\\s)\\s*(?<count>\\d{1,3})\\b',
  labelPattern: 'anonymat|nombre\\s+de\\s+pages|\\bpage\\s+\\d',
};

/** Raised when a header layout is invalid; `problems` lists one sentence per invalid field. */
export class HeaderLayoutError extends Error {
  override name = 'HeaderLayoutError';

  constructor(readonly problems: string[]) {
    super(`Invalid header layout: ${problems.join(' ')}`);
  }
}

const PATTERN_GROUPS = {
  anonymousCodePattern: ['code'],
  pageCountPattern: ['count'],
  pageNumberPattern: ['number', 'count'],
  labelPattern: [],
} as const satisfies Record<string, readonly string[]>;

type PatternField = keyof typeof PATTERN_GROUPS;

function patternProblem(
  field: PatternField,
  value: unknown,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return `${field} is missing: give a regular expression source as a string.`;
  }
  try {
    new RegExp(value, 'iu');
  } catch (error) {
    return `${field} is not a valid regular expression (${(error as Error).message}).`;
  }
  for (const group of PATTERN_GROUPS[field]) {
    if (!value.includes(`(?<${group}>`)) {
      return `${field} has no named group "${group}": write it as (?<${group}>...).`;
    }
  }
  return undefined;
}

function bandProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return 'band is missing: give {"left", "top", "right", "bottom"} in page-relative units from 0 to 1.';
  }
  const box = value as Record<string, unknown>;
  for (const edge of ['left', 'top', 'right', 'bottom']) {
    if (typeof box[edge] !== 'number') {
      return `band.${edge} is missing or not a number: give it in page-relative units from 0 to 1.`;
    }
  }
  const problem = pageBoxProblem(value as PageBox);
  return problem === undefined ? undefined : `band is invalid: ${problem}.`;
}

/**
 * Builds a header layout from parsed JSON, taking each missing field from
 * `DEFAULT_HEADER_LAYOUT`. Raises `HeaderLayoutError` listing every invalid
 * or unknown field.
 */
export function parseHeaderLayout(value: unknown): HeaderLayout {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HeaderLayoutError([
      'the layout must be a JSON object with the fields band, anonymousCodePattern, pageCountPattern, pageNumberPattern and labelPattern.',
    ]);
  }

  const fields = value as Record<string, unknown>;
  const layout = { ...DEFAULT_HEADER_LAYOUT, ...fields } as HeaderLayout;
  const problems: string[] = [];

  for (const field of Object.keys(fields)) {
    if (!(field in DEFAULT_HEADER_LAYOUT)) {
      problems.push(
        `${field} is not a layout field: use band, anonymousCodePattern, pageCountPattern, pageNumberPattern or labelPattern.`,
      );
    }
  }

  const band = bandProblem(layout.band);
  if (band !== undefined) {
    problems.push(band);
  }
  for (const field of Object.keys(PATTERN_GROUPS) as PatternField[]) {
    const problem = patternProblem(field, layout[field]);
    if (problem !== undefined) {
      problems.push(problem);
    }
  }

  if (problems.length > 0) {
    throw new HeaderLayoutError(problems);
  }
  return {
    band: { ...layout.band },
    anonymousCodePattern: layout.anonymousCodePattern,
    pageCountPattern: layout.pageCountPattern,
    pageNumberPattern: layout.pageNumberPattern,
    labelPattern: layout.labelPattern,
  };
}
