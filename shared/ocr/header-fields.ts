/**
 * Finds the anonymous code, the declared page count and the page numbering
 * in what OCR read in a sheet's header band.
 */
import {
  DEFAULT_HEADER_LAYOUT,
  parseHeaderLayout,
  type HeaderLayout,
} from './header-layout';
import type { OcrReading, PageBox } from './ocr-types';

/** The header fields read on one page; a field OCR could not read is undefined. */
export interface HeaderFields {
  /** The anonymous code as read, in capitals. */
  anonymousCode?: string;
  /** The count after "Nombre de pages". */
  pageCount?: number;
  /** The i of "Page i / n". */
  pageNumber?: number;
  /** The n of "Page i / n". */
  numberingCount?: number;
  /** Whether any printed header label was read, which shows the page is upright. */
  labelFound: boolean;
}

interface CompiledLayout {
  anonymousCode: RegExp;
  pageCount: RegExp;
  pageNumber: RegExp;
  label: RegExp;
}

const compiledLayouts = new WeakMap<HeaderLayout, CompiledLayout>();

function compile(layout: HeaderLayout): CompiledLayout {
  const cached = compiledLayouts.get(layout);
  if (cached !== undefined) {
    return cached;
  }
  // A layout built by hand has not been through parseHeaderLayout yet.
  const checked =
    layout === DEFAULT_HEADER_LAYOUT ? layout : parseHeaderLayout(layout);
  const compiled: CompiledLayout = {
    anonymousCode: new RegExp(checked.anonymousCodePattern, 'iu'),
    pageCount: new RegExp(checked.pageCountPattern, 'iu'),
    pageNumber: new RegExp(checked.pageNumberPattern, 'iu'),
    label: new RegExp(checked.labelPattern, 'iu'),
  };
  compiledLayouts.set(layout, compiled);
  return compiled;
}

/**
 * Returns the named groups of the first match of `pattern`, trying each
 * line on its own first and then the whole band as one line, because OCR
 * sometimes splits a label from its value.
 */
function firstMatch(
  pattern: RegExp,
  lines: string[],
): Record<string, string> | undefined {
  for (const text of [...lines, lines.join(' ')]) {
    const groups = pattern.exec(text)?.groups;
    if (groups !== undefined) {
      return groups;
    }
  }
  return undefined;
}

function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) {
    return undefined;
  }
  return Number(text);
}

/** Reads the header fields from a reading of the header band. */
export function readHeaderFields(
  reading: OcrReading,
  layout: HeaderLayout = DEFAULT_HEADER_LAYOUT,
): HeaderFields {
  const patterns = compile(layout);
  const lines = reading.lines.map((line) =>
    line.words.map((word) => word.text).join(' '),
  );

  const fields: HeaderFields = { labelFound: false };

  const code = firstMatch(patterns.anonymousCode, lines)?.code;
  if (code !== undefined) {
    fields.anonymousCode = code.toUpperCase().replace(/-+$/, '');
  }

  fields.pageCount = wholeNumber(firstMatch(patterns.pageCount, lines)?.count);

  const numbering = firstMatch(patterns.pageNumber, lines);
  fields.pageNumber = wholeNumber(numbering?.number);
  fields.numberingCount = wholeNumber(numbering?.count);

  fields.labelFound =
    fields.anonymousCode !== undefined ||
    fields.pageCount !== undefined ||
    fields.pageNumber !== undefined ||
    lines.some((line) => patterns.label.test(line));

  for (const key of ['pageCount', 'pageNumber', 'numberingCount'] as const) {
    if (fields[key] === undefined) {
      delete fields[key];
    }
  }
  return fields;
}

/**
 * Returns the box of the word where the layout's anonymous code pattern
 * finds the code, on the first line where it matches, or undefined when no
 * line contains it. The code may span several words only in the band's
 * joined text, and then no single box contains it.
 */
export function findAnonymousCodeBox(
  reading: OcrReading,
  layout: HeaderLayout = DEFAULT_HEADER_LAYOUT,
): PageBox | undefined {
  const pattern = new RegExp(compile(layout).anonymousCode.source, 'iud');

  for (const line of reading.lines) {
    // The line's text as readHeaderFields builds it, with the offset at
    // which each word starts.
    const starts: number[] = [];
    let text = '';
    for (const word of line.words) {
      if (text !== '') {
        text += ' ';
      }
      starts.push(text.length);
      text += word.text;
    }

    const span = pattern.exec(text)?.indices?.groups?.code;
    if (span === undefined) {
      continue;
    }
    const index = starts.findLastIndex((start) => start <= span[0]);
    return line.words[index]?.box;
  }
  return undefined;
}

/**
 * Returns a key for comparing anonymous codes that ignores the letters OCR
 * confuses with digits (O and 0, I and L and 1, S and 5, B and 8, Z and 2)
 * and any space or dash.
 */
export function anonymousCodeKey(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/S/g, '5')
    .replace(/B/g, '8')
    .replace(/Z/g, '2');
}
