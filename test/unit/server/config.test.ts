import { describe, expect, it } from 'vitest';

import { ConfigError, readConfig } from '../../../server/config';

describe('readConfig', () => {
  it('uses the documented defaults', () => {
    const config = readConfig({});

    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBe('sqlite:data/copydesk.sqlite');
    expect(config.scanStorage).toBe('file:data/scans');
  });

  it('reads each variable', () => {
    const config = readConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://db/copydesk',
      SCAN_STORAGE: 's3://scans/2026',
    });

    expect(config.port).toBe(9000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.databaseUrl).toBe('postgres://db/copydesk');
    expect(config.scanStorage).toBe('s3://scans/2026');
  });

  it('rejects a port that is not a number, naming it', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT "eighty"/);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/0 to 65535/);
  });

  it('keeps idempotency keys at least a day', () => {
    expect(() => readConfig({ IDEMPOTENCY_TTL: '3600' })).toThrow(
      /at least 86400 seconds/,
    );
  });

  it('rejects an unknown log level', () => {
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL "loud"/);
  });

  it('allows the desktop app origin by default', () => {
    expect(readConfig({}).corsOrigins).toEqual(['app://copydesk']);
  });

  it('reads a list of CORS origins', () => {
    const config = readConfig({
      CORS_ORIGINS: 'app://copydesk, https://marking.example.org/',
    });

    expect(config.corsOrigins).toEqual([
      'app://copydesk',
      'https://marking.example.org',
    ]);
  });

  it('rejects a CORS origin with a path', () => {
    expect(() =>
      readConfig({ CORS_ORIGINS: 'https://marking.example.org/app' }),
    ).toThrow(/CORS_ORIGINS entry "https:\/\/marking.example.org\/app"/);
    expect(() => readConfig({ CORS_ORIGINS: 'not a url' })).toThrow(
      ConfigError,
    );
  });
});
