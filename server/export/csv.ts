/**
 * CSV text as RFC 4180 defines it, made safe to open in a spreadsheet
 * program: a field that a spreadsheet would run as a formula is prefixed
 * with an apostrophe.
 */

/** Line ending of RFC 4180 records. */
export const CSV_LINE_END = '\r\n';

/** Byte order mark, which marks the file as UTF-8 for spreadsheet programs. */
export const UTF8_BOM = '\uFEFF';

/**
 * Characters that can start a formula in a spreadsheet cell (=, +, -, @),
 * and tab and carriage return, which a program may skip before one.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Prefixes a value that starts like a formula with `'`, so a spreadsheet
 * shows it as text instead of running it (CSV injection).
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Quotes a field when it contains a comma, a double quote or a line break. */
export function quoteCsvField(value: string): string {
  if (!/[",\r\n]/.test(value)) {
    return value;
  }
  return `"${value.replaceAll('"', '""')}"`;
}

/** Formats one record, formulas neutralised, with its line ending. */
export function formatCsvRecord(fields: string[]): string {
  const cells = fields.map((field) => quoteCsvField(neutraliseFormula(field)));
  return cells.join(',') + CSV_LINE_END;
}
