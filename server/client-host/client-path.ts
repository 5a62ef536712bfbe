/**
 * Maps the path of a request to a file of the web client folder. The path is
 * checked as the client sent it, before any decoding, so `..` hidden as
 * `%2e%2e` or written with backslashes is rejected instead of normalised.
 */
import nodePath from 'node:path';

export type ClientPathResolution =
  { relativePath: string } | { status: 400 | 404; reason: string };

/**
 * Percent-encoded characters that the client's own URLs never contain: `.`
 * (`%2e`, which can hide `..`), `/` and `\` (`%2f`, `%5c`, which can hide
 * separators) and NUL (`%00`, which ends a path in C).
 */
const ENCODED_UNSAFE_CHARACTER = /%(2e|2f|5c|00)/i;

/**
 * Returns the path inside the client folder that the raw request URL `url`
 * (path and query, as in `request.url`) names, with `/` separators. A folder
 * path such as `/` maps to its `index.html`. Returns a 400 status for a path
 * that tries to leave the folder and a 404 for a hidden file. Reads nothing
 * from disk.
 */
export function resolveClientPath(url: string): ClientPathResolution {
  const rawPath = url.split(/[?#]/, 1)[0] ?? '';

  if (!rawPath.startsWith('/')) {
    return { status: 400, reason: 'does not start with /' };
  }
  if (ENCODED_UNSAFE_CHARACTER.test(rawPath)) {
    return {
      status: 400,
      reason: 'contains an encoded dot, slash, backslash or NUL',
    };
  }
  if (rawPath.includes('\\')) {
    return { status: 400, reason: 'contains a backslash' };
  }

  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, reason: 'contains an invalid percent-encoding' };
  }

  if (decoded.includes('\0')) {
    return { status: 400, reason: 'contains a NUL character' };
  }
  // On Windows a colon starts a drive letter or an NTFS stream name.
  if (decoded.includes(':')) {
    return { status: 400, reason: 'contains a colon' };
  }
  if (decoded.includes('//')) {
    return { status: 400, reason: 'contains an empty segment' };
  }

  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return { status: 400, reason: 'contains a "." or ".." segment' };
  }
  // Hidden files, such as an editor's or a build tool's, are never served.
  if (segments.some((segment) => segment.startsWith('.'))) {
    return { status: 404, reason: 'names a hidden file' };
  }

  let relativePath = decoded.slice(1);
  if (relativePath === '' || relativePath.endsWith('/')) {
    relativePath += 'index.html';
  }
  return { relativePath };
}

/**
 * Tells whether `file` is strictly inside the folder `root`. `pathApi` is
 * `node:path` by default, or its win32 or posix variant in tests.
 */
export function isInsideFolder(
  root: string,
  file: string,
  pathApi: nodePath.PlatformPath = nodePath,
): boolean {
  const relative = pathApi.relative(pathApi.resolve(root), file);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${pathApi.sep}`) &&
    !pathApi.isAbsolute(relative)
  );
}
