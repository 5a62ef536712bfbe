import { describe, expect, it } from 'vitest';

import {
  isUsableClientOrigin,
  originOfRequest,
} from '../../../../server/client-host/public-origin';

describe('originOfRequest', () => {
  it.each([
    ['http', '127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http', 'localhost:3000', 'http://localhost:3000'],
    ['https', 'Marking.Example.org', 'https://marking.example.org'],
    ['https', 'marking.example.org:443', 'https://marking.example.org'],
    ['http', 'marking.example.org:80', 'http://marking.example.org'],
    ['http', '[::1]:8080', 'http://[::1]:8080'],
  ])('gives %s with Host %s the origin %s', (protocol, host, origin) => {
    expect(originOfRequest(protocol, host)).toBe(origin);
  });

  it.each([
    ['an empty host', ''],
    ['a user name', 'user@evil.example'],
    ['a path', 'a.org/path'],
    ['a space', 'a.org connect-src *'],
    ['a semicolon', 'a.org;script-src'],
    ['a quote', 'a.org"'],
    ['an angle bracket', 'a.org<script>'],
    ['a port out of range', 'a.org:99999'],
    ['a port that is not a number', 'a.org:http'],
    ['an unclosed IPv6 bracket', '[::1:8080'],
  ])('rejects %s', (_case, host) => {
    expect(originOfRequest('http', host)).toBeNull();
  });
});

describe('isUsableClientOrigin', () => {
  it.each([
    ['https://marking.example.org', true],
    ['http://127.0.0.1:8080', true],
    ['http://localhost:8080', true],
    ['http://[::1]:8080', true],
    ['http://192.168.1.20:8080', false],
    ['http://marking.example.org', false],
  ])('tells that %s is %s', (origin, usable) => {
    expect(isUsableClientOrigin(origin)).toBe(usable);
  });
});
