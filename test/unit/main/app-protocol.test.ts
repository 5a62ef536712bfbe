import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';

vi.mock('electron', () => import('./support/electron-double'));
vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import type { Protocol } from 'electron';

import {
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  registerAppProtocol,
  resolveAppPath,
} from '../../../main/app-protocol';
import { protocol, resetElectronDouble } from './support/electron-double';

describe('resolveAppPath', () => {
  const root = '/opt/Copydesk/renderer';

  it.each([
    ['app://copydesk/', '/opt/Copydesk/renderer/index.html'],
    ['app://copydesk/index.html', '/opt/Copydesk/renderer/index.html'],
    [
      'app://copydesk/assets/app.js?v=2#x',
      '/opt/Copydesk/renderer/assets/app.js',
    ],
    ['app://copydesk/ocr/', '/opt/Copydesk/renderer/ocr/index.html'],
    [
      'app://copydesk/fonts/Noto%20Sans.woff2',
      '/opt/Copydesk/renderer/fonts/Noto Sans.woff2',
    ],
  ])('maps %s to its file', (url, file) => {
    expect(resolveAppPath(root, url)).toEqual({ file });
  });

  it.each([
    ['dot-dot segments', 'app://copydesk/../../etc/passwd'],
    ['encoded dots', 'app://copydesk/%2e%2e/%2e%2e/etc/passwd'],
    ['mixed encoded dots', 'app://copydesk/.%2E/secret'],
    ['encoded slash', 'app://copydesk/..%2f..%2fetc%2fpasswd'],
    ['encoded backslash', 'app://copydesk/..%5C..%5Cwindows%5Cwin.ini'],
    ['backslash', 'app://copydesk/..\\..\\windows\\win.ini'],
    ['encoded NUL', 'app://copydesk/index.html%00.png'],
    ['double slash', 'app://copydesk//etc/passwd'],
    ['drive letter', 'app://copydesk/C:/Windows/win.ini'],
    ['NTFS stream', 'app://copydesk/index.html::$DATA'],
    ['invalid encoding', 'app://copydesk/%E0%A4%A'],
  ])('rejects %s with 400', (_case, url) => {
    const resolution = resolveAppPath(root, url);

    expect(resolution).toMatchObject({ status: 400 });
  });

  it.each([
    ['another host', 'app://copydesk.evil/index.html'],
    ['user info', 'app://copydesk@evil/index.html'],
    ['the file scheme', 'file:///etc/passwd'],
  ])('rejects %s with 404', (_case, url) => {
    expect(resolveAppPath(root, url)).toMatchObject({ status: 404 });
  });

  it('keeps Windows paths inside the root', () => {
    const resolution = resolveAppPath(
      'C:\\Program Files\\Copydesk\\renderer',
      'app://copydesk/assets/app.js',
      path.win32,
    );

    expect(resolution).toEqual({
      file: 'C:\\Program Files\\Copydesk\\renderer\\assets\\app.js',
    });
  });

  it('rejects a drive letter on Windows', () => {
    const resolution = resolveAppPath(
      'C:\\Program Files\\Copydesk\\renderer',
      'app://copydesk/D:/secret.txt',
      path.win32,
    );

    expect(resolution).toMatchObject({ status: 400 });
  });
});

describe('app protocol handler', () => {
  let folder: string;
  let root: string;
  const serverUrl = 'https://copydesk.example.org';
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'copydesk-app-protocol-'));
    root = path.join(folder, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(
      path.join(root, 'index.html'),
      '<!doctype html><title>Copydesk</title>',
    );
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1);');
    await writeFile(
      path.join(root, 'assets', 'tesseract-core.wasm'),
      Buffer.from([0, 97, 115, 109]),
    );
    await writeFile(
      path.join(root, 'assets', 'fra.traineddata.gz'),
      Buffer.from([31, 139]),
    );
    await writeFile(
      path.join(folder, 'secret.txt'),
      'outside the renderer folder',
    );
    await symlink(
      path.join(folder, 'secret.txt'),
      path.join(root, 'assets', 'link-out.txt'),
    );
    await symlink(
      path.join(root, 'assets', 'app.js'),
      path.join(root, 'assets', 'link-in.js'),
    );

    handle = createAppProtocolHandler({ root, getServerUrl: () => serverUrl });
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('serves index.html with the CSP', async () => {
    const response = await handle(new Request('app://copydesk/'));

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(
      'text/html; charset=utf-8',
    );
    expect(response.headers.get('Content-Security-Policy')).toContain(
      "connect-src 'self' https://copydesk.example.org",
    );
    expect(await response.text()).toBe(
      '<!doctype html><title>Copydesk</title>',
    );
  });

  it('serves a script without the CSP', async () => {
    const response = await handle(new Request('app://copydesk/assets/app.js'));

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect(response.headers.get('Content-Security-Policy')).toBeNull();
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1);');
  });

  it.each([
    ['assets/tesseract-core.wasm', 'application/wasm'],
    ['assets/fra.traineddata.gz', 'application/gzip'],
  ])('serves %s as %s', async (file, contentType) => {
    const response = await handle(new Request(`app://copydesk/${file}`));

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(contentType);
  });

  it('serves HEAD without a body', async () => {
    const response = await handle(
      new Request('app://copydesk/assets/app.js', { method: 'HEAD' }),
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Length')).toBe('15');
    expect(await response.text()).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])(
    'rejects %s with 405',
    async (method) => {
      const response = await handle(
        new Request('app://copydesk/index.html', { method }),
      );

      expect(response.status).toBe(405);
      expect(response.headers.get('Allow')).toBe('GET, HEAD');
    },
  );

  it('returns 404 for a missing file', async () => {
    const response = await handle(new Request('app://copydesk/missing.js'));

    expect(response.status).toBe(404);
  });

  it('returns 404 for a folder', async () => {
    const response = await handle(new Request('app://copydesk/assets'));

    expect(response.status).toBe(404);
  });

  it('keeps encoded dots inside the folder', async () => {
    // Request, like Chromium, resolves %2e%2e segments before the handler
    // receives the URL, so this asks for /secret.txt inside the folder.
    const response = await handle(
      new Request('app://copydesk/assets/%2e%2e/%2e%2e/secret.txt'),
    );

    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside');
  });

  it('rejects an encoded slash with 400', async () => {
    const response = await handle(
      new Request('app://copydesk/assets/..%2f..%2fsecret.txt'),
    );

    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Bad Request');
  });

  it('rejects a symbolic link out of the folder', async () => {
    const response = await handle(
      new Request('app://copydesk/assets/link-out.txt'),
    );

    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside');
  });

  it('follows a symbolic link inside the folder', async () => {
    const response = await handle(
      new Request('app://copydesk/assets/link-in.js'),
    );

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1);');
  });

  it('rejects another host', async () => {
    const response = await handle(
      new Request('app://copydesk.evil/index.html'),
    );

    expect(response.status).toBe(404);
  });
});

describe('registerAppProtocol', () => {
  beforeEach(() => {
    resetElectronDouble();
  });

  it('handles the app scheme', () => {
    registerAppProtocol(protocol as unknown as Protocol, {
      root: '/opt/Copydesk/renderer',
      getServerUrl: () => null,
    });

    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('registers the scheme as standard and secure', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        codeCache: true,
      },
    });
  });
});
