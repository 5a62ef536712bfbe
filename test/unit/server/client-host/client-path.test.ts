import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  isInsideFolder,
  resolveClientPath,
} from '../../../../server/client-host/client-path';

describe('resolveClientPath', () => {
  it.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/index-CxpUUIkf.js?v=2', 'assets/index-CxpUUIkf.js'],
    ['/ocr/', 'ocr/index.html'],
    ['/fonts/Noto%20Sans.woff2', 'fonts/Noto Sans.woff2'],
    ['/assets/%C3%A9t%C3%A9.svg', 'assets/été.svg'],
  ])('maps %s to %s', (url, relativePath) => {
    expect(resolveClientPath(url)).toEqual({ relativePath });
  });

  it.each([
    ['dot-dot segments', '/../../etc/passwd'],
    ['a dot-dot segment in the middle', '/assets/../../package.json'],
    ['a dot segment', '/./index.html'],
    ['encoded dots', '/%2e%2e/%2e%2e/etc/passwd'],
    ['upper-case encoded dots', '/%2E%2E/package.json'],
    ['mixed encoded dots', '/.%2E/secret'],
    ['encoded slash', '/..%2f..%2fetc%2fpasswd'],
    ['encoded backslash', '/..%5C..%5Cwindows%5Cwin.ini'],
    ['backslash', '/..\\..\\windows\\win.ini'],
    ['backslash inside a name', '/assets\\index.js'],
    ['encoded NUL', '/index.html%00.png'],
    ['double slash', '//etc/passwd'],
    ['drive letter', '/C:/Windows/win.ini'],
    ['NTFS stream', '/index.html::$DATA'],
    ['invalid encoding', '/%E0%A4%A'],
    ['an absolute URL', 'http://127.0.0.1/index.html'],
    ['an asterisk', '*'],
  ])('rejects %s with 400', (_case, url) => {
    const resolution = resolveClientPath(url);

    expect(resolution).toMatchObject({ status: 400 });
  });

  it.each([
    ['a hidden file', '/.env'],
    ['a hidden folder', '/.vite/manifest.json'],
    ['a hidden file in a folder', '/assets/.DS_Store'],
  ])('hides %s with 404', (_case, url) => {
    expect(resolveClientPath(url)).toMatchObject({ status: 404 });
  });

  it('names the problem in its reason', () => {
    const resolution = resolveClientPath('/%2e%2e/package.json');

    expect(resolution).toEqual({
      status: 400,
      reason: 'contains an encoded dot, slash, backslash or NUL',
    });
  });
});

describe('isInsideFolder', () => {
  it.each([
    [path.posix, '/srv/client', '/srv/client/index.html', true],
    [path.posix, '/srv/client', '/srv/client/assets/a.js', true],
    [path.posix, '/srv/client', '/srv/client', false],
    [path.posix, '/srv/client', '/srv/client-old/index.html', false],
    [path.posix, '/srv/client', '/srv/package.json', false],
    [path.posix, '/srv/client', '/etc/passwd', false],
    [path.win32, 'C:\\client', 'C:\\client\\index.html', true],
    [path.win32, 'C:\\client', 'C:\\client\\..\\secret.txt', false],
    [path.win32, 'C:\\client', 'D:\\client\\index.html', false],
  ])('in %#: %s contains %s is %s', (pathApi, root, file, expected) => {
    expect(isInsideFolder(root, file, pathApi)).toBe(expected);
  });
});
