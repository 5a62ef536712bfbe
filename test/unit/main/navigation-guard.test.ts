import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./support/electron-double'));
vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import type { HandlerDetails, WebContents } from 'electron';

import {
  handleWindowOpen,
  installNavigationGuard,
  isAllowedExternalUrl,
  isAllowedNavigation,
} from '../../../main/navigation-guard';
import { resetElectronDouble, shell } from './support/electron-double';
import { logLines } from './support/electron-log-double';

beforeEach(() => {
  resetElectronDouble();
  logLines.length = 0;
});

describe('isAllowedNavigation', () => {
  it.each([
    'app://copydesk/',
    'app://copydesk/index.html',
    'app://copydesk/index.html#/batches/b-1',
    'app://copydesk/assets/app.js?v=3',
    'APP://copydesk/index.html',
  ])('allows the app page %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each([
    ['look-alike host', 'app://copydesk.evil/'],
    ['host with the app name as user info', 'app://copydesk@evil/'],
    ['user info before the app host', 'app://evil@copydesk/'],
    ['password in user info', 'app://user:pass@copydesk/'],
    ['port', 'app://copydesk:8080/'],
    ['suffix host', 'app://evilcopydesk/'],
    ['upper-case host', 'app://COPYDESK/'],
    ['Cyrillic look-alike host', 'app://сopydesk/'],
    ['empty host', 'app:///copydesk/index.html'],
    ['opaque path', 'app:copydesk/index.html'],
    ['javascript', 'javascript:alert(1)'],
    ['upper-case javascript', 'JAVASCRIPT:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['file', 'file:///etc/passwd'],
    ['http', 'http://copydesk/'],
    ['https', 'https://copydesk.example.org/'],
    ['about:blank', 'about:blank'],
    ['blob', 'blob:app://copydesk/1b2c'],
    ['dot-dot segments', 'app://copydesk/../../etc/passwd'],
    ['dot segment', 'app://copydesk/./index.html'],
    ['encoded dots', 'app://copydesk/%2e%2e/%2e%2e/etc/passwd'],
    ['upper-case encoded dots', 'app://copydesk/%2E%2E/secret'],
    ['encoded slash', 'app://copydesk/..%2f..%2fetc/passwd'],
    ['encoded backslash', 'app://copydesk/..%5c..%5cwindows'],
    ['backslash', 'app://copydesk/..\\..\\windows'],
    ['NUL', 'app://copydesk/index.html%00.png'],
    ['drive letter', 'app://copydesk/C:/Windows/win.ini'],
    ['not a URL', 'copydesk/index.html'],
    ['empty string', ''],
  ])('rejects %s', (_case, url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://www.education.gouv.fr/',
    'https://www.education.gouv.fr/aide?page=2#notes',
    'HTTPS://www.education.gouv.fr/',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['http', 'http://www.education.gouv.fr/'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,hi'],
    ['file', 'file:///C:/Windows/System32/calc.exe'],
    ['UNC file share', 'file://attacker/share/run.exe'],
    ['custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['smb', 'smb://attacker/share'],
    ['the app itself', 'app://copydesk/index.html'],
    ['user info', 'https://www.education.gouv.fr@evil.example/'],
    ['IDN look-alike', 'https://сopydesk.fr/'],
    ['punycode host', 'https://xn--opydesk-xjg.fr/'],
    ['not a URL', 'www.education.gouv.fr'],
  ])('rejects %s', (_case, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('handleWindowOpen', () => {
  it('denies a window for an https link and opens it externally', () => {
    const response = handleWindowOpen(windowOpen('https://example.org/aide'));

    expect(response).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/aide');
  });

  it('denies a window for an app page without opening anything', () => {
    const response = handleWindowOpen(windowOpen('app://copydesk/index.html'));

    expect(response).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies a javascript URL and logs its scheme only', () => {
    const response = handleWindowOpen(windowOpen('javascript:alert(1)'));

    expect(response).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(logLines).toEqual([
      {
        logger: 'navigation',
        level: 'warn',
        text: 'blocked a link to javascript://',
      },
    ]);
  });
});

describe('installNavigationGuard', () => {
  it('lets the window navigate within the app', () => {
    const contents = new WebContentsDouble();
    installNavigationGuard(contents.asWebContents());

    const event = contents.emitNavigation(
      'will-frame-navigate',
      'app://copydesk/index.html',
    );

    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('cancels navigation to https and opens it externally', () => {
    const contents = new WebContentsDouble();
    installNavigationGuard(contents.asWebContents());

    const event = contents.emitNavigation(
      'will-frame-navigate',
      'https://example.org/',
    );

    expect(event.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('cancels navigation to a file URL without opening it', () => {
    const contents = new WebContentsDouble();
    installNavigationGuard(contents.asWebContents());

    const event = contents.emitNavigation(
      'will-frame-navigate',
      'file:///etc/passwd',
    );

    expect(event.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(logLines.map((line) => line.text)).toEqual([
      'blocked navigation to file://',
    ]);
  });

  it('cancels a redirect away from the app', () => {
    const contents = new WebContentsDouble();
    installNavigationGuard(contents.asWebContents());

    const event = contents.emitNavigation(
      'will-redirect',
      'app://copydesk.evil/',
    );

    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('sets the window open handler', () => {
    const contents = new WebContentsDouble();
    installNavigationGuard(contents.asWebContents());

    const response = contents.windowOpenHandler?.(
      windowOpen('https://example.org/'),
    );

    expect(response).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('opens no link externally in kiosk mode', () => {
    const contents = new WebContentsDouble();
    installNavigationGuard(contents.asWebContents(), {
      openExternalLinks: false,
    });

    const navigation = contents.emitNavigation(
      'will-frame-navigate',
      'https://example.org/',
    );
    const opened = contents.windowOpenHandler?.(
      windowOpen('https://example.org/help'),
    );

    expect(navigation.preventDefault).toHaveBeenCalled();
    expect(opened).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(logLines.map((line) => line.text)).toEqual([
      'blocked navigation to https://example.org',
      'blocked a link to https://example.org in kiosk mode',
    ]);
  });

  it('blocks webview elements', () => {
    const contents = new WebContentsDouble();
    installNavigationGuard(contents.asWebContents());

    const event = { preventDefault: vi.fn() };
    contents.listeners.get('will-attach-webview')?.(event);

    expect(event.preventDefault).toHaveBeenCalled();
  });
});

function windowOpen(url: string) {
  return {
    url,
    frameName: '',
    features: '',
    disposition: 'foreground-tab',
    referrer: { url: 'app://copydesk/index.html', policy: 'strict-origin' },
  } as Parameters<typeof handleWindowOpen>[0];
}

type Listener = (...args: unknown[]) => void;

class WebContentsDouble {
  readonly listeners = new Map<string, Listener>();
  windowOpenHandler: ((details: HandlerDetails) => unknown) | null = null;

  on(name: string, listener: Listener): this {
    this.listeners.set(name, listener);
    return this;
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => unknown): void {
    this.windowOpenHandler = handler;
  }

  emitNavigation(name: string, url: string) {
    const event = { url, isMainFrame: true, preventDefault: vi.fn() };
    this.listeners.get(name)?.(event);
    return event;
  }

  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}
