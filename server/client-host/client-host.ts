/**
 * Serves the built web client (`npm run build` writes it to out/renderer/)
 * at `/` of the reference server, next to the API. Only GET and HEAD are
 * served, from the client folder only, without directory listings. HTML
 * pages carry the Content-Security-Policy and a configuration element that
 * locks the client to this server.
 */
import { createReadStream, statSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import nodePath from 'node:path';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { PROBLEM_TYPES } from '../../shared/api/schemas';
import { HttpProblem, badRequest } from '../http/problem';
import { isInsideFolder, resolveClientPath } from './client-path';
import { contentTypeOf } from '../../shared/content-types';
import { buildContentSecurityPolicy } from '../../shared/content-security-policy';
import { injectPageConfig } from './page-config';
import { isUsableClientOrigin, originOfRequest } from './public-origin';

export interface ClientHostOptions {
  /** Folder of the built web client, containing its `index.html`. */
  root: string;
  /**
   * Origin that browsers use to reach the server, such as
   * `https://copydesk.example.org` behind a TLS proxy. When null, each
   * request's protocol and Host header give it.
   */
  publicUrl: string | null;
}

/** First path segments of the API and operator routes, never served as files. */
const SERVER_SEGMENTS = new Set(['api', 'healthz', 'readyz', 'metrics']);

/**
 * Vite writes every file it hashes to `assets/` as `<name>-<hash>.<ext>`,
 * such as `assets/index-CxpUUIkf.js`. A new build gives a changed file a new
 * name, so these may be cached for a year.
 */
const HASHED_ASSET =
  /^assets\/(?:[^/]+\/)*[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;
const CACHE_HASHED = 'public, max-age=31536000, immutable';
/** Other files are revalidated on every use, with their ETag. */
const CACHE_REVALIDATE = 'no-cache';

/** Maximum count of distinct unusable origins that get a warning each. */
const MAX_WARNED_ORIGINS = 32;

/**
 * Registers the routes that serve `options.root` at `/`. When the folder
 * has no `index.html`, it logs a warning naming the folder and the build
 * command, registers nothing, and returns false.
 */
export function registerClientHost(
  app: FastifyInstance,
  options: ClientHostOptions,
): boolean {
  const root = nodePath.resolve(options.root);
  if (!hasIndexPage(root)) {
    app.log.warn(
      { clientRoot: root },
      `The web client folder ${root} has no index.html, so the server serves no web client at /: build it with \`npm run build\``,
    );
    return false;
  }

  const warnedOrigins = new Set<string>();
  const warnIfUnusable = (request: FastifyRequest, origin: string) => {
    if (isUsableClientOrigin(origin) || warnedOrigins.has(origin)) {
      return;
    }
    if (warnedOrigins.size >= MAX_WARNED_ORIGINS) {
      return;
    }
    warnedOrigins.add(origin);
    request.log.warn(
      { origin },
      `The web client was requested at ${origin}, which it rejects as its server: serve it over https (set PUBLIC_URL behind a TLS proxy) or open it on http://127.0.0.1`,
    );
  };

  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      const rawPath = request.url.split('?', 1)[0] ?? '';
      const firstSegment = rawPath.slice(1).split('/', 1)[0] ?? '';
      if (SERVER_SEGMENTS.has(firstSegment)) {
        // An unknown API path gets the API's own 404 problem.
        return reply.callNotFound();
      }

      const resolution = resolveClientPath(request.url);
      if ('status' in resolution) {
        if (resolution.status === 404) {
          throw fileNotFound();
        }
        request.log.warn(
          { reason: resolution.reason },
          'rejected a web client path',
        );
        throw badRequest(
          `The path ${resolution.reason}: request a file of the web client by its plain path`,
        );
      }

      const file = await findFile(root, resolution.relativePath, request);
      if (file === null) {
        throw fileNotFound();
      }

      const contentType = contentTypeOf(file.path);
      void reply
        .header('content-type', contentType)
        .header('x-content-type-options', 'nosniff');

      if (contentType.startsWith('text/html')) {
        const origin =
          options.publicUrl ?? originOfRequest(request.protocol, request.host);
        if (origin === null) {
          throw badRequest(
            `The Host header ${JSON.stringify(request.host.slice(0, 100))} is not a valid host: send the server's host name and port`,
          );
        }
        warnIfUnusable(request, origin);
        return sendPage(request, reply, file.path, origin);
      }
      return sendFile(request, reply, file, resolution.relativePath);
    },
  });

  app.log.info({ clientRoot: root }, `serving the web client from ${root}`);
  return true;
}

function hasIndexPage(root: string): boolean {
  try {
    return statSync(nodePath.join(root, 'index.html')).isFile();
  } catch {
    return false;
  }
}

function fileNotFound(): HttpProblem {
  return new HttpProblem(
    404,
    PROBLEM_TYPES.notFound,
    'No file of the web client has this path: check the address, or open / for the app',
  );
}

interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Returns the regular file at `relativePath` inside `root` once symbolic
 * links are followed, or null when it is missing, a folder, or a link that
 * leads out of `root`.
 */
async function findFile(
  root: string,
  relativePath: string,
  request: FastifyRequest,
): Promise<FoundFile | null> {
  const candidate = nodePath.resolve(root, ...relativePath.split('/'));
  if (!isInsideFolder(root, candidate)) {
    return null;
  }

  try {
    const realRoot = await realpath(root);
    const realFile = await realpath(candidate);
    if (!isInsideFolder(realRoot, realFile)) {
      request.log.warn(
        { path: relativePath },
        'rejected a symbolic link that leads out of the web client folder',
      );
      return null;
    }

    const info = await stat(realFile);
    if (!info.isFile()) {
      return null;
    }
    return { path: realFile, size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    // The file is missing or unreadable, a parent is not a folder, or a
    // link loops. The client gets the same 404 in each case.
    return null;
  }
}

async function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  origin: string,
): Promise<FastifyReply> {
  const html = await readFile(file, 'utf8');
  const page = injectPageConfig(html, { serverUrl: origin });

  void reply
    .header('content-security-policy', buildContentSecurityPolicy(origin))
    .header('cache-control', CACHE_REVALIDATE)
    .header('content-length', Buffer.byteLength(page));
  return reply.send(request.method === 'HEAD' ? undefined : page);
}

async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: FoundFile,
  relativePath: string,
): Promise<FastifyReply> {
  const etag = `W/"${file.size.toString(16)}-${Math.trunc(file.mtimeMs).toString(16)}"`;
  void reply
    .header(
      'cache-control',
      HASHED_ASSET.test(relativePath) ? CACHE_HASHED : CACHE_REVALIDATE,
    )
    .header('etag', etag);

  if (matchesEtag(request.headers['if-none-match'], etag)) {
    return reply.code(304).send();
  }

  void reply.header('content-length', file.size);
  if (request.method === 'HEAD') {
    return reply.send();
  }
  return reply.send(createReadStream(file.path));
}

/** Compares with the weak comparison that RFC 9110 sets for If-None-Match. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) {
    return false;
  }

  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header
    .split(',')
    .some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
