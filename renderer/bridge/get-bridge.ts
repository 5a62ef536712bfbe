/**
 * Returns the bridge the renderer talks to: `window.copydesk` from the
 * preload script when the app runs in Electron, otherwise the browser
 * bridge, built once per page.
 */
import type { CopydeskBridge } from '../../shared/ipc/contract';
import { createBrowserBridge } from './browser-bridge';
import { CONFIG_ELEMENT_ID, readBrowserConfig } from './browser-config';
import type { SettingsStorage } from './browser-settings';
import type { DownloadDocument } from './download-link';

declare global {
  interface Window {
    /** Set by the preload script in Electron, absent in a plain browser. */
    copydesk?: CopydeskBridge;
  }
}

/** Version reported by the browser build's `app.getInfo()`. */
export const BROWSER_BUILD_VERSION = '0.0.0-browser';

/** The globals `getBridge` reads, passed by tests that run without a DOM. */
export interface BridgeHost {
  copydesk?: CopydeskBridge;
  location: { search: string };
  navigator: { language: string };
  /** Storage for the examiner's settings in the browser bridge. */
  localStorage?: SettingsStorage;
  document: DownloadDocument & {
    getElementById(id: string): { textContent: string | null } | null;
  };
}

let browserBridge: CopydeskBridge | null = null;

/**
 * Returns `host.copydesk` when the preload script exposed it, else the
 * browser bridge. Throws when the page's configuration is invalid.
 */
export function getBridge(host: BridgeHost = window): CopydeskBridge {
  if (host.copydesk !== undefined) {
    return host.copydesk;
  }

  if (browserBridge === null) {
    const configText =
      host.document.getElementById(CONFIG_ELEMENT_ID)?.textContent ?? null;

    browserBridge = createBrowserBridge({
      config: readBrowserConfig(configText, host.location.search),
      version: BROWSER_BUILD_VERSION,
      locale: host.navigator.language,
      document: host.document,
      storage: findLocalStorage(host),
    });
  }
  return browserBridge;
}

/**
 * Returns `host.localStorage`, or undefined where the browser blocks it
 * (reading the property then throws a `SecurityError`). The settings then
 * last until the page is reloaded.
 */
function findLocalStorage(host: BridgeHost): SettingsStorage | undefined {
  try {
    return host.localStorage;
  } catch (error) {
    console.warn(
      `[settings] localStorage is blocked, so settings last until the page is reloaded: ${String(error)}`,
    );
    return undefined;
  }
}

/** Forgets the browser bridge built by `getBridge`, for tests. */
export function resetBrowserBridge(): void {
  browserBridge = null;
}
