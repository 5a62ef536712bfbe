/**
 * Ages for the sync status: "il y a 12 min", "dans 2 min", in the app's
 * language through `Intl.RelativeTimeFormat`. The status bar refreshes
 * them once a minute, so they are precise to the minute.
 */
import type { TFunction } from 'i18next';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// One formatter per locale, kept for the life of the page, because
// building one parses locale data.
const formats = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = formats.get(locale);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(locale, {
      style: 'short',
      numeric: 'always',
    });
    formats.set(locale, format);
  }
  return format;
}

/**
 * Formats how long before `now` the time `then` was, rounded down to the
 * minute, hour or day: "il y a 12 min", "il y a 3 h", "il y a 2 j". Under
 * a minute, or a `then` later than `now` (the clock ticks once a minute),
 * it is "à l’instant".
 */
export function formatAge(
  then: Date | string,
  now: Date,
  locale: string,
  t: TFunction,
): string {
  const elapsed = now.getTime() - new Date(then).getTime();
  if (elapsed < MINUTE_MS) {
    return t('sync.justNow');
  }
  const format = relativeFormat(locale);
  if (elapsed < HOUR_MS) {
    return format.format(-Math.floor(elapsed / MINUTE_MS), 'minute');
  }
  if (elapsed < DAY_MS) {
    return format.format(-Math.floor(elapsed / HOUR_MS), 'hour');
  }
  return format.format(-Math.floor(elapsed / DAY_MS), 'day');
}

/**
 * Formats how long after `now` the time `later` comes, rounded up to the
 * minute: "dans 2 min". Under a minute it is "dans un instant".
 */
export function formatDelay(
  later: Date,
  now: Date,
  locale: string,
  t: TFunction,
): string {
  const remaining = later.getTime() - now.getTime();
  if (remaining < MINUTE_MS) {
    return t('sync.inAMoment');
  }
  return relativeFormat(locale).format(
    Math.ceil(remaining / MINUTE_MS),
    'minute',
  );
}
