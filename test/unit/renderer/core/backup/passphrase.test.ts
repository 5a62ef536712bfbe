import { describe, expect, it } from 'vitest';

import {
  MIN_PASSPHRASE_LENGTH,
  ratePassphrase,
} from '../../../../../renderer/core/backup/passphrase';

describe('ratePassphrase', () => {
  it.each([
    ['', 'too-short'],
    ['abc1234', 'too-short'],
    ['abcdefgh', 'weak'],
    ['aaaaaaaaaaaaaaaaaaaaaaaa', 'weak'],
    ['Lot12-Martin', 'fair'],
    ['cheval agrafe', 'fair'],
    ['motdepasse', 'weak'],
    ['cheval agrafe pile correcte 2026', 'strong'],
    ['Tr0mbone!Gir@fe-92', 'strong'],
  ])('rates %j as %s', (passphrase, expected) => {
    expect(ratePassphrase(passphrase)).toBe(expected);
  });

  it('counts characters, not UTF-16 units', () => {
    // Seven emoji are fourteen UTF-16 code units but seven characters.
    expect(ratePassphrase('🎓'.repeat(MIN_PASSPHRASE_LENGTH - 1))).toBe(
      'too-short',
    );
  });
});
