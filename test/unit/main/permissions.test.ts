import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import type { Session, WebContents } from 'electron';

import {
  denyAllPermissions,
  denyPermissionCheck,
  denyPermissionRequest,
} from '../../../main/permissions';
import { logLines } from './support/electron-log-double';

const contents = {} as WebContents;

beforeEach(() => {
  logLines.length = 0;
});

describe('denyPermissionRequest', () => {
  it.each([
    'media',
    'notifications',
    'geolocation',
    'clipboard-read',
    'clipboard-sanitized-write',
    'fullscreen',
    'openExternal',
    'usb',
    'unknown',
  ] as const)('denies %s', (permission) => {
    const callback = vi.fn();

    denyPermissionRequest(contents, permission, callback, {
      requestingUrl: 'app://copydesk/index.html',
      isMainFrame: true,
    });

    expect(callback).toHaveBeenCalledWith(false);
  });

  it('grants persistent storage to the app page', () => {
    const callback = vi.fn();

    denyPermissionRequest(contents, 'persistent-storage', callback, {
      requestingUrl: 'app://copydesk/index.html',
      isMainFrame: true,
    });

    expect(callback).toHaveBeenCalledWith(true);
  });

  it.each([
    ['another origin', 'https://copydesk.example.org/', true],
    ['a look-alike host', 'app://copydesk.evil/index.html', true],
    ['a subframe', 'app://copydesk/index.html', false],
  ])('denies persistent storage to %s', (_case, requestingUrl, isMainFrame) => {
    const callback = vi.fn();

    denyPermissionRequest(contents, 'persistent-storage', callback, {
      requestingUrl,
      isMainFrame,
    });

    expect(callback).toHaveBeenCalledWith(false);
  });

  it('logs the denied permission', () => {
    denyPermissionRequest(contents, 'media', vi.fn(), {
      requestingUrl: 'app://copydesk/index.html',
      isMainFrame: true,
    });

    expect(logLines).toEqual([
      {
        logger: 'permissions',
        level: 'warn',
        text: 'denied a request for the "media" permission',
      },
    ]);
  });
});

describe('denyPermissionCheck', () => {
  it.each(['media', 'clipboard-read', 'notifications', 'hid'] as const)(
    'returns false for %s',
    (permission) => {
      const granted = denyPermissionCheck(
        contents,
        permission,
        'app://copydesk',
        { isMainFrame: true, requestingUrl: 'app://copydesk/index.html' },
      );

      expect(granted).toBe(false);
    },
  );
});

describe('denyPermissionCheck for persistent storage', () => {
  it('returns true for the app page only', () => {
    const check = (requestingUrl: string, isMainFrame: boolean) =>
      denyPermissionCheck(contents, 'persistent-storage', 'app://copydesk', {
        isMainFrame,
        requestingUrl,
      });

    expect(check('app://copydesk/index.html', true)).toBe(true);
    expect(check('app://copydesk/index.html', false)).toBe(false);
    expect(check('https://example.org/', true)).toBe(false);
  });
});

describe('denyAllPermissions', () => {
  it('installs both handlers on the session', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    };

    denyAllPermissions(session as unknown as Session);

    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(
      denyPermissionRequest,
    );
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(
      denyPermissionCheck,
    );
  });
});
