/**
 * Formatting of sizes, dates and durations in the app's language, through
 * `Intl` so each language gets its own separators.
 */
import type { TFunction } from 'i18next';

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
  const value = new Intl.NumberFormat(locale, {
    maximumFractionDigits: chosen[1] === 1 ? 0 : 1,
  }).format(bytes / chosen[1]);
  return t(`units.${chosen[0]}`, { value });
}

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatTime(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(date);
}

/** Formats a duration such as `3 min` or `1 h 5 min`, rounded up to a minute past 60 s. */
export function formatDuration(seconds: number, locale: string): string {
  const unit = (value: number, name: 'second' | 'minute' | 'hour') =>
    new Intl.NumberFormat(locale, {
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
