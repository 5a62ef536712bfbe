/**
 * The passphrase that protects a backup file: a minimum length, and a
 * rough strength hint for the examiner who types it.
 */

/** Minimum number of characters of a backup passphrase. */
export const MIN_PASSPHRASE_LENGTH = 8;

/**
 * `too-short`: under the minimum, refused. `weak`, `fair`, `strong`: an
 * estimate of how long guessing would take, from the length and the kinds
 * of characters used.
 */
export type PassphraseStrength = 'too-short' | 'weak' | 'fair' | 'strong';

// Estimated bits of entropy at which a passphrase counts as fair, then
// strong. Each guess also costs 600,000 PBKDF2 iterations, about 19 more
// bits of work, which these thresholds do not count.
const FAIR_BITS = 60;
const STRONG_BITS = 100;

/**
 * Estimates the strength of `passphrase` as length times the bits of each
 * character, from the kinds of characters present (lower case, upper
 * case, digits, others).
 *
 * NOTE: dictionary words and repeated patterns count as random characters,
 * so the estimate overrates them. The only discount is for few distinct
 * characters: each one counts at most three times.
 */
export function ratePassphrase(passphrase: string): PassphraseStrength {
  const characters = [...passphrase.normalize('NFC')];
  if (characters.length < MIN_PASSPHRASE_LENGTH) {
    return 'too-short';
  }

  let alphabet = 0;
  if (/\p{Ll}/u.test(passphrase)) alphabet += 26;
  if (/\p{Lu}/u.test(passphrase)) alphabet += 26;
  if (/\p{Nd}/u.test(passphrase)) alphabet += 10;
  if (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(passphrase)) alphabet += 33;

  const distinct = new Set(characters).size;
  const counted = Math.min(characters.length, distinct * 3);
  const bits = counted * Math.log2(Math.max(alphabet, 2));
  if (bits >= STRONG_BITS) {
    return 'strong';
  }
  return bits >= FAIR_BITS ? 'fair' : 'weak';
}
