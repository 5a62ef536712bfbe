/**
 * Serves the renderer's files on `app://copydesk/` to GET and HEAD
 * requests. A path that could leave the renderer folder is rejected before
 * the file system is read, and a symbolic link that points outside it is
 * rejected after.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import nodePath from 'node:path';

import type { CustomScheme, Protocol } from 'electron';

import { APP_SCHEME, findUnsafePath, isAppUrl, parseUrl } from './app-origin';
import { contentTypeOf } from '../shared/content-types';
import { buildContentSecurityPolicy } from '../shared/content-security-policy';
import { createLogger } from './logger';

const log = createLogger('app-protocol');

/**
 * The privileges the `app` scheme needs, passed to
 * `protocol.registerSchemesAsPrivileged` before the app is ready: standard
 * URLs with an origin, a secure context, and `fetch()` for the OCR data.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    codeCache: true,
  },
};

export type AppPathResolution =
  { file: string } | { status: 400 | 404; reason: string };

/**
 * Maps an `app://copydesk/...` URL to a file path inside `root`. The folder
 * URL `/` maps to `index.html`. Pure: it reads nothing from disk.
 * `pathApi` is `node:path` (win32 or posix) so Windows paths can be tested
 * on any system.
 */
export function resolveAppPath(
  root: string,
  url: string,
  pathApi: nodePath.PlatformPath = nodePath,
): AppPathResolution {
  if (!isAppUrl(url)) {
    return { status: 404, reason: 'is not on app://copydesk/' };
  }

  const unsafe = findUnsafePath(url);
  if (unsafe !== null) {
    return { status: 400, reason: `path ${unsafe}` };
  }

  const parsed = parseUrl(url);
  let relative = decodeURIComponent(parsed?.pathname ?? '/').slice(1);
  if (relative === '' || relative.endsWith('/')) {
    relative += 'index.html';
  }

  const file = pathApi.resolve(root, ...relative.split('/'));
  if (!isInside(root, file, pathApi)) {
    return { status: 400, reason: 'path leaves the renderer folder' };
  }
  return { file };
}

function isInside(
  root: string,
  file: string,
  pathApi: nodePath.PlatformPath,
): boolean {
  const relative = pathApi.relative(pathApi.resolve(root), file);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${pathApi.sep}`) &&
    !pathApi.isAbsolute(relative)
  );
}

export interface AppProtocolOptions {
  /** The folder of the built renderer (`index.html` and assets). */
  root: string;
  /** The grading server's URL for the CSP of HTML pages, read per request. */
  getServerUrl: () => string | null;
}

/** Creates the request handler that `protocol.handle('app', ...)` calls. */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    }

    const resolution = resolveAppPath(options.root, request.url);
    if ('status' in resolution) {
      log.warn(`rejected ${request.method} request: ${resolution.reason}`);
      return textResponse(resolution.status, STATUS_TEXT[resolution.status]);
    }

    const file = await realFileInside(options.root, resolution.file);
    if (file === null) {
      return textResponse(404, 'Not Found');
    }

    const contentType = contentTypeOf(file);
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'X-Content-Type-Options': 'nosniff',
    };
    if (contentType.startsWith('text/html')) {
      headers['Content-Security-Policy'] = buildContentSecurityPolicy(
        options.getServerUrl(),
      );
    }

    const body = await readFile(file);
    headers['Content-Length'] = String(body.byteLength);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers,
    });
  };
}

/**
 * Returns the real path of `file` when it is a regular file inside `root`
 * once symbolic links are followed, or null when it is missing, a folder, or
 * a link that points out of `root`.
 */
async function realFileInside(
  root: string,
  file: string,
): Promise<string | null> {
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await realpath(root);
    realFile = await realpath(file);
  } catch {
    return null;
  }

  if (!isInside(realRoot, realFile, nodePath)) {
    log.warn('rejected a symbolic link that points out of the renderer folder');
    return null;
  }

  const info = await stat(realFile);
  return info.isFile() ? realFile : null;
}

const STATUS_TEXT = { 400: 'Bad Request', 404: 'Not Found' } as const;

function textResponse(
  status: number,
  text: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers },
  });
}

/** Serves the renderer on the `app` scheme of the default session. */
export function registerAppProtocol(
  protocol: Protocol,
  options: AppProtocolOptions,
): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(options));
}
