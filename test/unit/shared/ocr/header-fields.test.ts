import { describe, expect, it } from 'vitest';

import {
  anonymousCodeKey,
  findAnonymousCodeBox,
  readHeaderFields,
} from '../../../../shared/ocr/header-fields';
import {
  DEFAULT_HEADER_LAYOUT,
  parseHeaderLayout,
} from '../../../../shared/ocr/header-layout';
import type { OcrReading } from '../../../../shared/ocr/ocr-types';
import { CUSTOM_HEADER_LAYOUT } from '../../../support/custom-header-layout';
import { bandReading } from './reading-builder';

describe('readHeaderFields', () => {
  it('reads every field of a clean header', () => {
    const fields = readHeaderFields(
      bandReading(
        'Baccalaureat 2026, philosophie',
        'Matière : Philosophie N° Anonymat : A000005057',
        'Nombre de pages : 4 Page 2 / 4',
      ),
    );

    expect(fields).toEqual({
      labelFound: true,
      anonymousCode: 'A000005057',
      pageCount: 4,
      pageNumber: 2,
      numberingCount: 4,
    });
  });

  it.each([
    ["N' Anonymat : A000005057"],
    ['No Anonymat : A000005057'],
    ['N° Anonymat: A000005057'],
    ['N°Anonymat : A000005057'],
    ['N* anonymat ; A000005057'],
    ['N Anonymat : a000005057'],
  ])('reads the code from %s', (line) => {
    expect(readHeaderFields(bandReading(line)).anonymousCode).toBe(
      'A000005057',
    );
  });

  it('reads a code split from its label', () => {
    const fields = readHeaderFields(
      bandReading('N° Anonymat :', 'A000005057', 'Nombre de pages : 3'),
    );

    expect(fields.anonymousCode).toBe('A000005057');
  });

  it('does not take a word for the code', () => {
    const fields = readHeaderFields(
      bandReading('N° Anonymat :', 'Nombre de pages : 3'),
    );

    expect(fields.anonymousCode).toBeUndefined();
    expect(fields.labelFound).toBe(true);
  });

  it.each([
    ['Page 3 / 5', 3, 5],
    ['Page 3/5', 3, 5],
    ['Page 3 | 5', 3, 5],
    ['page 12 / 20', 12, 20],
  ])('reads the numbering from %s', (line, number, count) => {
    const fields = readHeaderFields(bandReading(line));

    expect(fields.pageNumber).toBe(number);
    expect(fields.numberingCount).toBe(count);
  });

  it('does not take "pages : 4" for a page number', () => {
    const fields = readHeaderFields(bandReading('Nombre de pages : 4'));

    expect(fields.pageCount).toBe(4);
    expect(fields.pageNumber).toBeUndefined();
  });

  it('finds a label without its value', () => {
    const fields = readHeaderFields(bandReading('N° Anonymat : ___'));

    expect(fields.labelFound).toBe(true);
    expect(fields.anonymousCode).toBeUndefined();
  });

  it('finds nothing in handwriting', () => {
    const fields = readHeaderFields(
      bandReading('la liberté est une question', 'de conscience'),
    );

    expect(fields).toEqual({ labelFound: false });
  });

  it('finds nothing in an empty reading', () => {
    expect(readHeaderFields(bandReading())).toEqual({ labelFound: false });
  });

  it('uses the patterns of a custom layout', () => {
    const layout = parseHeaderLayout({
      anonymousCodePattern: 'Candidat\\s*:\\s*(?<code>\\d{6})',
    });
    const fields = readHeaderFields(bandReading('Candidat : 123456'), layout);

    expect(fields.anonymousCode).toBe('123456');
    expect(
      readHeaderFields(bandReading('N° Anonymat : A000005057'), layout)
        .anonymousCode,
    ).toBeUndefined();
  });

  it('rejects an invalid hand-built layout', () => {
    const layout = { ...DEFAULT_HEADER_LAYOUT, pageCountPattern: '(' };

    expect(() => readHeaderFields(bandReading('x'), layout)).toThrow(
      /pageCountPattern is not a valid regular expression/,
    );
  });
});

describe('anonymousCodeKey', () => {
  it('equates letters OCR confuses with digits', () => {
    expect(anonymousCodeKey('A0O0OO5O57')).toBe(anonymousCodeKey('A000005057'));
    expect(anonymousCodeKey('AI-23')).toBe(anonymousCodeKey('A123'));
  });

  it('keeps neighbouring codes apart', () => {
    expect(anonymousCodeKey('A000005058')).not.toBe(
      anonymousCodeKey('A000005057'),
    );
  });
});

/** Builds a one-line reading whose words sit side by side, each with its own box. */
function lineOfWords(...texts: string[]): OcrReading {
  const words = texts.map((text, index) => ({
    text,
    confidence: 90,
    box: { left: index / 10, top: 0.05, right: (index + 1) / 10, bottom: 0.07 },
  }));
  return {
    region: { left: 0, top: 0, right: 1, bottom: 1 / 6 },
    lines: [{ words, box: { left: 0, top: 0.05, right: 1, bottom: 0.07 } }],
    confidence: 90,
    languages: 'fra',
  };
}

describe('findAnonymousCodeBox', () => {
  it('finds the code after the default label', () => {
    const reading = lineOfWords('Matière', 'N°', 'Anonymat', ':', 'A000805601');

    expect(findAnonymousCodeBox(reading)?.left).toBeCloseTo(0.4);
  });

  it('finds the code with a layout of other labels', () => {
    const reading = lineOfWords('Code', 'candidat', ':', 'A000805601');

    expect(findAnonymousCodeBox(reading)).toBeUndefined();
    expect(
      findAnonymousCodeBox(reading, CUSTOM_HEADER_LAYOUT)?.left,
    ).toBeCloseTo(0.3);
  });

  it('returns undefined without a code', () => {
    const reading = lineOfWords('N°', 'Anonymat', ':', '—');

    expect(findAnonymousCodeBox(reading)).toBeUndefined();
  });
});
