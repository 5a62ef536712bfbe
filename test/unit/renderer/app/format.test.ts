import type { TFunction } from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  formatBytes,
  formatDate,
  formatDuration,
  formatTime,
} from '../../../../renderer/app/format';

// Stands in for i18next's `t`: the value, then the unit's key.
const t = ((key: string, options: { value: string }) =>
  `${options.value} ${key.replace('units.', '')}`) as unknown as TFunction;

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts the `Intl.NumberFormat` objects built from now on. */
function countNumberFormats() {
  const RealNumberFormat = Intl.NumberFormat;
  return vi.spyOn(Intl, 'NumberFormat').mockImplementation(function (
    locales?: Intl.LocalesArgument,
    options?: Intl.NumberFormatOptions,
  ) {
    return new RealNumberFormat(locales, options);
  } as typeof Intl.NumberFormat);
}

/** Counts the `Intl.DateTimeFormat` objects built from now on. */
function countDateTimeFormats() {
  const RealDateTimeFormat = Intl.DateTimeFormat;
  return vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (
    locales?: Intl.LocalesArgument,
    options?: Intl.DateTimeFormatOptions,
  ) {
    return new RealDateTimeFormat(locales, options);
  } as typeof Intl.DateTimeFormat);
}

describe('formatBytes', () => {
  const cases: [number, string, string][] = [
    [0, 'en', '0 bytes'],
    [1023, 'en', '1,023 bytes'],
    [1536, 'en', '1.5 kilobytes'],
    [1.8 * 1024 ** 2, 'en', '1.8 megabytes'],
    [273 * 1024 ** 3, 'en', '273 gigabytes'],
    [1.8 * 1024 ** 2, 'fr', '1,8 megabytes'],
  ];

  it.each(cases)('formats %d bytes in %s', (bytes, locale, expected) => {
    expect(formatBytes(bytes, t, locale)).toBe(expected);
  });

  it('builds one formatter per locale and options', () => {
    const build = countNumberFormats();

    formatBytes(1536, t, 'de-CH');
    formatBytes(2560, t, 'de-CH');
    formatBytes(3 * 1024 ** 2, t, 'de-CH');
    formatBytes(12, t, 'de-CH');

    // One for one fraction digit, one for whole bytes.
    expect(build).toHaveBeenCalledTimes(2);
    expect(formatBytes(2560, t, 'de-CH')).toBe('2.5 kilobytes');
  });

  it('keeps locales apart', () => {
    expect(formatBytes(1536, t, 'fr')).toBe('1,5 kilobytes');
    expect(formatBytes(1536, t, 'en')).toBe('1.5 kilobytes');
  });
});

describe('formatDuration', () => {
  const cases: [number, string][] = [
    [0, '1 sec'],
    [42.2, '43 sec'],
    [61, '2 min'],
    [3900, '1 hr 5 min'],
  ];

  it.each(cases)('formats %d s in English', (seconds, expected) => {
    expect(formatDuration(seconds, 'en')).toBe(expected);
  });

  it('reuses its unit formatters', () => {
    formatDuration(3900, 'it');
    const build = countNumberFormats();

    formatDuration(7300, 'it');

    expect(build).not.toHaveBeenCalled();
  });
});

describe('formatDate and formatTime', () => {
  it('formats in the given locale', () => {
    const iso = '2026-06-20T10:05:00.000Z';

    expect(formatDate(iso, 'en')).toContain('2026');
    expect(formatDate(iso, 'fr')).toContain('juin');
    expect(formatTime(new Date(iso), 'en')).toMatch(/\d{1,2}:05/);
  });

  it('reuses its formatters', () => {
    formatDate('2026-06-20T10:05:00.000Z', 'es');
    const build = countDateTimeFormats();

    formatDate('2026-07-01T08:00:00.000Z', 'es');

    expect(build).not.toHaveBeenCalled();
  });
});
