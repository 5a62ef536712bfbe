import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';

import { createI18n } from '../../../../../renderer/app/i18n/i18n';
import {
  formatAge,
  formatDelay,
} from '../../../../../renderer/app/sync/relative-age';

const NOW = new Date('2026-06-20T10:00:00.000Z');

function before(ms: number): Date {
  return new Date(NOW.getTime() - ms);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Replaces the no-break spaces that `Intl` writes with plain spaces. */
function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

let fr: TFunction;
let en: TFunction;

beforeAll(async () => {
  fr = (await createI18n('fr')).t;
  en = (await createI18n('en')).t;
});

describe('formatAge', () => {
  it.each([
    [0, 'à l’instant'],
    [59 * SECOND, 'à l’instant'],
    [MINUTE, 'il y a 1 min'],
    [12 * MINUTE + 59 * SECOND, 'il y a 12 min'],
    [59 * MINUTE, 'il y a 59 min'],
    [HOUR, 'il y a 1 h'],
    [23 * HOUR + 59 * MINUTE, 'il y a 23 h'],
    [3 * DAY + HOUR, 'il y a 3 j'],
  ])('writes %i ms ago as %s in French', (elapsed, expected) => {
    expect(plain(formatAge(before(elapsed), NOW, 'fr', fr))).toBe(expected);
  });

  it.each([
    [30 * SECOND, 'just now'],
    [12 * MINUTE, '12 min. ago'],
    [2 * HOUR, '2 hr. ago'],
  ])('writes %i ms ago as %s in English', (elapsed, expected) => {
    expect(plain(formatAge(before(elapsed), NOW, 'en', en))).toBe(expected);
  });

  it('reads an ISO string', () => {
    expect(plain(formatAge('2026-06-20T09:48:00.000Z', NOW, 'fr', fr))).toBe(
      'il y a 12 min',
    );
  });

  it('writes a time after the clock as just now', () => {
    expect(plain(formatAge(before(-40 * SECOND), NOW, 'fr', fr))).toBe(
      'à l’instant',
    );
  });
});

describe('formatDelay', () => {
  it.each([
    [10 * SECOND, 'dans un instant'],
    [MINUTE, 'dans 1 min'],
    [MINUTE + SECOND, 'dans 2 min'],
    [-5 * SECOND, 'dans un instant'],
  ])('writes %i ms ahead as %s', (remaining, expected) => {
    expect(plain(formatDelay(before(-remaining), NOW, 'fr', fr))).toBe(
      expected,
    );
  });
});
