/**
 * A header layout for answer sheets printed with other labels than the
 * usual French sheet: "Code candidat : <code>", "Feuillets : <n>" and
 * "Feuillet <i> / <n>", in a band a little taller than the default's.
 */
import type { HeaderLayout } from '../../shared/ocr/header-layout';

export const CUSTOM_HEADER_LAYOUT: HeaderLayout = {
  band: { left: 0, top: 0, right: 1, bottom: 0.2 },
  anonymousCodePattern:
    '\\bcode\\s+candidat\\s*[:;.,]?\\s*(?<code>(?=[A-Z0-9-]*\\d)[A-Z0-9][A-Z0-9-]{3,})',
  pageCountPattern: '\\bfeuillets\\s*[:;.,]?\\s*(?<count>\\d{1,3})\\b',
  pageNumberPattern:
    '\\bfeuillet\\s+(?<number>\\d{1,3})\\s*(?:[/|\\\\]|\\s)\\s*(?<count>\\d{1,3})\\b',
  labelPattern: 'code\\s+candidat|feuillets?\\b',
};

/** The labels that the sample generator prints for `CUSTOM_HEADER_LAYOUT`. */
export const CUSTOM_HEADER_LABELS = {
  anonymousCode: 'Code candidat',
  pageCount: 'Feuillets',
  pageNumber: 'Feuillet',
};
