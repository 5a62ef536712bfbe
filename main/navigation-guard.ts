/**
 * Keeps the window on the app's own pages. A page may navigate only within
 * `app://copydesk/`; an https link opens in the system browser through
 * `shell.openExternal`, except in kiosk mode, where no desktop is there to
 * show it; `window.open` never creates a window.
 */
import {
  shell,
  type HandlerDetails,
  type WebContents,
  type WindowOpenHandlerResponse,
} from 'electron';

import {
  describeUrlForLog,
  findUnsafePath,
  isAppUrl,
  parseUrl,
} from './app-origin';
import { createLogger } from './logger';

const log = createLogger('navigation');

/** Tells whether the window may load `url` itself. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url) && findUnsafePath(url) === null;
}

/**
 * Tells whether `url` may be opened in the system browser: https only, with
 * no user name or password (`https://ministry@evil/`) and no IDN host. The
 * app links only to ASCII host names, and an IDN host can imitate one:
 * `xn--opydesk-xjg.fr` displays as "сopydesk.fr" with a Cyrillic "с".
 */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) {
    return false;
  }

  if (parsed.protocol !== 'https:') {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return false;
  }

  const labels = parsed.hostname.split('.');
  return !labels.some((label) => label.startsWith('xn--'));
}

/** Opens `url` in the system browser when it is an allowed external link. */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternalUrl(url)) {
    log.warn(`blocked a link to ${describeUrlForLog(url)}`);
    return false;
  }

  shell.openExternal(url).catch((error: unknown) => {
    log.error(`could not open ${describeUrlForLog(url)}: ${String(error)}`);
  });
  return true;
}

export interface NavigationGuardOptions {
  /**
   * Whether an allowed https link opens in the system browser. False in
   * kiosk mode, where every link out of the app is blocked.
   */
  openExternalLinks: boolean;
}

const DEFAULT_OPTIONS: NavigationGuardOptions = { openExternalLinks: true };

/**
 * Handles `window.open` and `target="_blank"` links: an allowed external
 * link goes to the system browser, unless `options` turns that off, and no
 * Electron window is ever created.
 */
export function handleWindowOpen(
  details: HandlerDetails,
  options: NavigationGuardOptions = DEFAULT_OPTIONS,
): WindowOpenHandlerResponse {
  if (options.openExternalLinks) {
    openExternalIfAllowed(details.url);
  } else {
    log.warn(
      `blocked a link to ${describeUrlForLog(details.url)} in kiosk mode`,
    );
  }
  return { action: 'deny' };
}

/**
 * Installs the guard on a window's web contents. Navigation away from the
 * app is cancelled, and an https target is opened in the system browser
 * instead, so a plain `<a href="https://...">` still works.
 */
export function installNavigationGuard(
  contents: WebContents,
  options: NavigationGuardOptions = DEFAULT_OPTIONS,
): void {
  const stopUnlessAllowed = (event: {
    url: string;
    preventDefault(): void;
  }) => {
    if (isAllowedNavigation(event.url)) {
      return;
    }

    event.preventDefault();

    if (options.openExternalLinks && isAllowedExternalUrl(event.url)) {
      openExternalIfAllowed(event.url);
      return;
    }
    log.warn(`blocked navigation to ${describeUrlForLog(event.url)}`);
  };

  contents.on('will-frame-navigate', stopUnlessAllowed);
  contents.on('will-redirect', stopUnlessAllowed);
  contents.setWindowOpenHandler((details) =>
    handleWindowOpen(details, options),
  );

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a <webview> element');
  });
}
