import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, readConfig } from '../../../../server/config';

describe('readConfig for the web client', () => {
  it('serves no web client by default', () => {
    const config = readConfig({});

    expect(config.clientRoot).toBeNull();
    expect(config.publicUrl).toBeNull();
  });

  it('resolves CLIENT_ROOT to an absolute path', () => {
    const config = readConfig({ CLIENT_ROOT: 'out/renderer' });

    expect(config.clientRoot).toBe(path.resolve('out/renderer'));
  });

  it('keeps an absolute CLIENT_ROOT', () => {
    const config = readConfig({ CLIENT_ROOT: '/srv/copydesk/client' });

    expect(config.clientRoot).toBe(path.resolve('/srv/copydesk/client'));
  });

  it.each([
    ['https://marking.example.org', 'https://marking.example.org'],
    ['https://marking.example.org/', 'https://marking.example.org'],
    ['https://Marking.Example.org:8443', 'https://marking.example.org:8443'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ])('reads PUBLIC_URL %s as %s', (text, origin) => {
    expect(readConfig({ PUBLIC_URL: text }).publicUrl).toBe(origin);
  });

  it.each([
    ['not a URL', 'marking.example.org'],
    ['plain http on another host', 'http://marking.example.org'],
    ['a path', 'https://marking.example.org/copydesk'],
    ['a query', 'https://marking.example.org/?a=1'],
    ['a user name', 'https://admin@marking.example.org'],
    ['another scheme', 'ftp://marking.example.org'],
  ])('rejects a PUBLIC_URL with %s', (_case, text) => {
    expect(() => readConfig({ PUBLIC_URL: text })).toThrow(ConfigError);
    expect(() => readConfig({ PUBLIC_URL: text })).toThrow(
      `PUBLIC_URL "${text}" is invalid`,
    );
  });
});
