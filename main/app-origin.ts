/**
 * The origin the renderer is served from. The `app` scheme is registered as
 * standard and secure, so Chromium gives its pages the origin
 * `app://copydesk` and treats it like an https origin.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'copydesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** URL of the renderer's start page. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * Tells whether `url` is on the app's own origin: scheme `app`, host exactly
 * `copydesk`, and no user name, password or port that could disguise another
 * host.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) {
    return false;
  }

  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Parses `url`, returning null instead of throwing when it is invalid. */
export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Shortens a URL to its scheme and host for log lines, so query strings and
 * paths, which may carry tokens or candidate codes, stay out of the log.
 */
export function describeUrlForLog(url: string): string {
  const parsed = parseUrl(url);
  if (parsed === null) {
    return '(invalid URL)';
  }

  return `${parsed.protocol}//${parsed.host}`;
}

/**
 * Percent-encoded characters that the app's own URLs never contain: `.`
 * (`%2e`, to hide `..`), `/` (`%2f`) and `\` (`%5c`, to hide separators) and
 * NUL (`%00`, which ends a path in C).
 */
const ENCODED_PATH_TRICK = /%(2e|2f|5c|00)/i;

/**
 * Returns the path of `url` exactly as written, before the URL parser
 * resolves `.` and `..` segments (which it also does for `%2e%2e`), so that
 * a crafted path is seen before it is normalised.
 */
function rawPathOf(url: string): string {
  const afterHost = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i, '');
  return afterHost.split(/[?#]/, 1)[0] ?? '';
}

/**
 * Returns why the path of the app URL `url` could escape the renderer
 * folder, or null when it is a plain path.
 */
export function findUnsafePath(url: string): string | null {
  const pathname = rawPathOf(url);

  if (ENCODED_PATH_TRICK.test(pathname)) {
    return 'contains an encoded dot, slash, backslash or NUL';
  }
  if (pathname.includes('\\')) {
    return 'contains a backslash';
  }

  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 'contains an invalid percent-encoding';
  }

  if (decoded.includes('\0')) {
    return 'contains a NUL character';
  }
  if (decoded.includes(':')) {
    return 'contains a colon (a drive letter or an NTFS stream)';
  }

  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) {
    return 'contains a "." or ".." segment';
  }
  if (decoded.includes('//')) {
    return 'contains an empty segment';
  }

  return null;
}
