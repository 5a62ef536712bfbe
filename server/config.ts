/**
 * The reference server's settings, read from the environment. Every value
 * is checked here, so a typo stops the server at start with a message naming
 * the variable, instead of failing on the first request.
 */

import { resolve } from 'node:path';

import { isAllowedServiceUrl } from '../shared/service-url';

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string;
  scanStorage: string;
  /** Access token lifetime, seconds. */
  accessTokenTtl: number;
  /** Refresh token lifetime, seconds. */
  refreshTokenTtl: number;
  /** How long stored idempotency keys are kept, seconds (at least 24 hours). */
  idempotencyTtl: number;
  /** How long entries of the changes feed are kept, seconds. */
  changesRetention: number;
  logLevel: string;
  /** Browser origins allowed to call the API, such as the desktop app's. */
  corsOrigins: string[];
  /** Absolute path of the built web client served at `/`, or null for none. */
  clientRoot: string | null;
  /**
   * Origin at which browsers reach the server when it differs from the
   * requests' protocol and Host header (behind a TLS proxy), or null to take
   * it from each request.
   */
  publicUrl: string | null;
}

export const DEFAULTS = {
  PORT: '8080',
  HOST: '127.0.0.1',
  DATABASE_URL: 'sqlite:data/copydesk.sqlite',
  SCAN_STORAGE: 'file:data/scans',
  ACCESS_TOKEN_TTL: '900',
  REFRESH_TOKEN_TTL: String(14 * 24 * 3600),
  IDEMPOTENCY_TTL: String(48 * 3600),
  CHANGES_RETENTION: String(60 * 24 * 3600),
  LOG_LEVEL: 'info',
  // The desktop client serves its pages from app://copydesk.
  CORS_ORIGINS: 'app://copydesk',
  // No web client is served unless this names its folder.
  CLIENT_ROOT: '',
  PUBLIC_URL: '',
} as const;

export class ConfigError extends Error {}

export function readConfig(
  env: Record<string, string | undefined> = process.env,
): ServerConfig {
  const value = (name: keyof typeof DEFAULTS): string =>
    env[name] !== undefined && env[name] !== '' ? env[name] : DEFAULTS[name];

  const idempotencyTtl = readInteger(
    'IDEMPOTENCY_TTL',
    value('IDEMPOTENCY_TTL'),
    1,
  );
  if (idempotencyTtl < 24 * 3600) {
    throw new ConfigError(
      `IDEMPOTENCY_TTL ${idempotencyTtl} is too short: idempotency keys must be kept at least 86400 seconds (24 hours)`,
    );
  }

  return {
    port: readInteger('PORT', value('PORT'), 0, 65535),
    host: value('HOST'),
    databaseUrl: value('DATABASE_URL'),
    scanStorage: value('SCAN_STORAGE'),
    accessTokenTtl: readInteger(
      'ACCESS_TOKEN_TTL',
      value('ACCESS_TOKEN_TTL'),
      10,
    ),
    refreshTokenTtl: readInteger(
      'REFRESH_TOKEN_TTL',
      value('REFRESH_TOKEN_TTL'),
      60,
    ),
    idempotencyTtl,
    changesRetention: readInteger(
      'CHANGES_RETENTION',
      value('CHANGES_RETENTION'),
      3600,
    ),
    logLevel: readLogLevel(value('LOG_LEVEL')),
    corsOrigins: readOrigins(value('CORS_ORIGINS')),
    clientRoot:
      value('CLIENT_ROOT') === '' ? null : resolve(value('CLIENT_ROOT')),
    publicUrl: readPublicUrl(value('PUBLIC_URL')),
  };
}

function readInteger(
  name: string,
  text: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const parsed = Number(text);
  if (!/^\d+$/.test(text) || parsed < min || parsed > max) {
    throw new ConfigError(
      `${name} "${text}" is invalid: expected a whole number from ${min} to ${max}`,
    );
  }
  return parsed;
}

const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

function readLogLevel(text: string): string {
  if (!LOG_LEVELS.includes(text)) {
    throw new ConfigError(
      `LOG_LEVEL "${text}" is invalid: expected one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  return text;
}

/**
 * Parses a comma-separated list of origins, such as `app://copydesk`, into
 * their `scheme://host[:port]` form.
 */
function readOrigins(text: string): string[] {
  const entries = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

  return entries.map((entry) => {
    const invalid = new ConfigError(
      `CORS_ORIGINS entry "${entry}" is invalid: give an origin (scheme, host and port only), such as https://marking.example.org or app://copydesk`,
    );

    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw invalid;
    }
    const bare = ['', '/'].includes(url.pathname) && !url.search && !url.hash;
    if (url.host === '' || !bare) {
      throw invalid;
    }
    return `${url.protocol}//${url.host}`;
  });
}

/**
 * Parses PUBLIC_URL, the origin the web client is locked to. The client
 * accepts only https, or http on a loopback host, so any other value is
 * rejected here rather than in every browser.
 */
function readPublicUrl(text: string): string | null {
  if (text === '') {
    return null;
  }

  const invalid = new ConfigError(
    `PUBLIC_URL "${text}" is invalid: give the https origin at which browsers reach this server, such as https://marking.example.org (http:// only for localhost)`,
  );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid;
  }
  const bare = ['', '/'].includes(url.pathname) && !url.search && !url.hash;
  if (!bare || !isAllowedServiceUrl(text, true)) {
    throw invalid;
  }
  return url.origin;
}
