import { describe, expect, it } from 'vitest';

import {
  characterErrorRate,
  editDistance,
  normalizeSpaces,
  unorderedCharacterErrorRate,
} from '../../../../shared/ocr/character-error-rate';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['A000005057', 'AO00005057', 1],
    ['A000005057', 'AO000005057', 1],
    ['N°', 'N', 1],
  ])('%j to %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe('characterErrorRate', () => {
  it('ignores line breaks and spacing', () => {
    expect(
      characterErrorRate(
        'HellO World\nfrom beyond',
        'HellO  World from beyond\n',
      ),
    ).toBe(0);
  });

  it('divides by the reference length', () => {
    expect(characterErrorRate('Tesseract.js', 'Tesseractjs')).toBeCloseTo(
      1 / 12,
    );
  });

  it('gives 1 for output on an empty reference', () => {
    expect(characterErrorRate('', 'noise')).toBe(1);
    expect(characterErrorRate(' ', '')).toBe(0);
  });

  it('collapses spaces', () => {
    expect(normalizeSpaces('  a \n\t b  ')).toBe('a b');
  });
});

describe('unorderedCharacterErrorRate', () => {
  it('ignores the reading order', () => {
    expect(
      unorderedCharacterErrorRate(
        'Matière : Philosophie N° Anonymat : A1\nNombre de pages : 2',
        'Matière : Philosophie\nNombre de pages : 2\nN° Anonymat : A1',
      ),
    ).toBe(0);
  });

  it('counts recognition errors', () => {
    expect(
      unorderedCharacterErrorRate('Page 1 / 2', 'Page 1/2'),
    ).toBeGreaterThan(0);
  });
});
