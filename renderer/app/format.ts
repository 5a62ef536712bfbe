/**
 * Formatting of sizes, dates and durations in the app's language, through
 * `Intl` so each language gets its own separators.
 */
import type { TFunction } from 'i18next';

// Building an `Intl` formatter parses locale data, which costs far more
// than formatting one value, and the download panel formats several sizes
// on every progress update. So each formatter is built once per locale and
// options, and kept for the life of the page (a few per language).
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(
  locale: string,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  // The key depends on the order of the options, which each caller writes
  // as one literal, so the same call always finds its formatter.
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

const UNITS = [
  ['bytes', 1],
  ['kilobytes', 1024],
  ['megabytes', 1024 ** 2],
  ['gigabytes', 1024 ** 3],
] as const;

/** Formats a byte count with the largest unit that keeps it at least 1. */
export function formatBytes(
  bytes: number,
  t: TFunction,
  locale: string,
): string {
  let chosen: (typeof UNITS)[number] = UNITS[0];
  for (const unit of UNITS) {
    if (bytes >= unit[1]) {
      chosen = unit;
    }
  }
  const value = numberFormat(locale, {
    maximumFractionDigits: chosen[1] === 1 ? 0 : 1,
  }).format(bytes / chosen[1]);
  return t(`units.${chosen[0]}`, { value });
}

export function formatDate(iso: string, locale: string): string {
  return dateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatTime(date: Date, locale: string): string {
  return dateTimeFormat(locale, { timeStyle: 'short' }).format(date);
}

/** Formats a duration such as `3 min` or `1 h 5 min`, rounded up to a minute past 60 s. */
export function formatDuration(seconds: number, locale: string): string {
  const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
    numberFormat(locale, {
      style: 'unit',
      unit: name,
      unitDisplay: 'short',
    }).format(value);

  if (seconds < 60) {
    return unit(Math.max(1, Math.ceil(seconds)), 'second');
  }
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) {
    return unit(minutes, 'minute');
  }
  return `${unit(Math.floor(minutes / 60), 'hour')} ${unit(minutes % 60, 'minute')}`;
}

/** Whole days from `now` until `iso`, rounded down; negative once past. */
export function daysUntil(iso: string, now: Date): number {
  return Math.floor((new Date(iso).getTime() - now.getTime()) / 86_400_000);
}
