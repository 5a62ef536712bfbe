import { describe, expect, it } from 'vitest';

import {
  isAllowedServerUrl,
  parsePageConfig,
  readBrowserConfig,
} from '../../../../renderer/bridge/browser-config';

describe('isAllowedServerUrl', () => {
  it.each([
    ['https://copydesk.example.org', true],
    ['http://127.0.0.1:3000', true],
    ['http://localhost:3000', true],
    ['http://[::1]:3000', true],
    ['http://copydesk.example.org', false],
    ['https://user:secret@copydesk.example.org', false],
    ['ftp://copydesk.example.org', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s gives %s', (url, allowed) => {
    expect(isAllowedServerUrl(url)).toBe(allowed);
  });
});

describe('parsePageConfig', () => {
  it('reads the managed keys', () => {
    const settings = parsePageConfig(
      '{"serverUrl": "https://copydesk.example.org", "language": "fr"}',
    );

    expect(settings).toEqual({
      serverUrl: 'https://copydesk.example.org',
      language: 'fr',
    });
  });

  it('gives no settings without a page config', () => {
    expect(parsePageConfig(null)).toEqual({});
    expect(parsePageConfig('  ')).toEqual({});
  });

  it('rejects invalid JSON', () => {
    expect(() => parsePageConfig('{serverUrl:')).toThrow(
      /#copydesk-config is not valid JSON/,
    );
  });

  it('rejects an unknown language', () => {
    expect(() => parsePageConfig('{"language": "de"}')).toThrow(
      /#copydesk-config is invalid at \/language/,
    );
  });

  it('rejects an unknown key', () => {
    expect(() => parsePageConfig('{"kioskAdminCodeHash": "x"}')).toThrow(
      /#copydesk-config is invalid/,
    );
  });

  it('rejects a plain http server', () => {
    expect(() =>
      parsePageConfig('{"serverUrl": "http://copydesk.example.org"}'),
    ).toThrow(
      '#copydesk-config: serverUrl "http://copydesk.example.org" must be an https:// address (http:// only for localhost)',
    );
  });
});

describe('readBrowserConfig', () => {
  it('takes the server from the query without page config', () => {
    const settings = readBrowserConfig(null, '?server=http://127.0.0.1:3000');

    expect(settings).toEqual({ serverUrl: 'http://127.0.0.1:3000' });
  });

  it('keeps the page server over the query', () => {
    const settings = readBrowserConfig(
      '{"serverUrl": "https://copydesk.example.org"}',
      '?server=https://evil.example',
    );

    expect(settings.serverUrl).toBe('https://copydesk.example.org');
  });

  it('ignores a query server that is not allowed', () => {
    const settings = readBrowserConfig(
      '{"language": "en"}',
      '?server=http://evil.example',
    );

    expect(settings).toEqual({ language: 'en' });
  });

  it('gives no server without either', () => {
    expect(readBrowserConfig(null, '')).toEqual({});
  });
});
