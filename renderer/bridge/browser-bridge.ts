/**
 * The `window.copydesk` bridge of a plain browser, where no Electron main
 * process exists: in tests and in the web build. Each payload is checked
 * against the IPC contract, so a call the main process would reject fails
 * here too.
 *
 * The refresh token is kept in memory only, so a browser session signs in
 * again after a reload. `sessionStorage` would keep it across a reload, but
 * any script injected into the page could read it there, and a refresh
 * token stays valid far longer than the access token.
 */
import type {
  AppInfo,
  CopydeskBridge,
  IpcPayload,
  LogEntry,
  ManagedSettings,
} from '../../shared/ipc/contract';
import {
  createBrowserSettings,
  type SettingsStorage,
} from './browser-settings';
import { downloadText, type DownloadDocument } from './download-link';
import { checkPayload } from './payload-check';

export interface BrowserBridgeOptions {
  /** The settings from `readBrowserConfig`. */
  config: ManagedSettings;
  /** The version of the web build. */
  version: string;
  /** BCP 47 tag of the browser's language, normally `navigator.language`. */
  locale: string;
  /** The page's document, for the download link of `file.export`. */
  document: DownloadDocument;
  /** Output of `log.write`, the global console by default. */
  console?: Pick<Console, 'error' | 'warn' | 'info' | 'debug'>;
  /**
   * Storage for the examiner's settings, normally `localStorage`. Without
   * it, `settings.set` keeps them until the page is reloaded.
   */
  storage?: SettingsStorage;
}

function kioskOnly(channel: string): string {
  return `${channel} is not available in the browser build, which has no kiosk mode`;
}

/** `AppInfo.platform` of the browser build, where `process.platform` does not exist. */
export const BROWSER_PLATFORM = 'browser';

export function createBrowserBridge(
  options: BrowserBridgeOptions,
): CopydeskBridge {
  const output = options.console ?? console;
  let refreshToken: string | null = null;
  const settings = createBrowserSettings(options.storage, output);

  const appInfo: AppInfo = {
    version: options.version,
    platform: BROWSER_PLATFORM,
    locale: options.locale,
  };

  return {
    vault: {
      getRefreshToken: async () => refreshToken,
      setRefreshToken: async (token: string) => {
        checkPayload('vault:set-refresh-token', token);
        refreshToken = token;
        return { persisted: false, reason: 'encryption-unavailable' as const };
      },
      clear: async () => {
        refreshToken = null;
      },
      // The browser build keeps its own non-extractable key in IndexedDB.
      getStorageKey: async () => null,
    },
    config: {
      get: async () => ({ ...options.config }),
    },
    settings,
    app: {
      getInfo: async () => ({ ...appInfo }),
    },
    // The browser build never runs in kiosk mode and has no updater: a
    // web page cannot lock the screen or restart itself into a new version.
    kiosk: {
      getState: async () => ({ enabled: false, adminCodeSet: false }),
      authorizeQuit: async (request: IpcPayload<'kiosk:authorize-quit'>) => {
        checkPayload('kiosk:authorize-quit', request);
        throw new Error(kioskOnly('kiosk:authorize-quit'));
      },
      quit: async () => {
        throw new Error(kioskOnly('kiosk:quit'));
      },
      wipeAndRestart: async () => {
        throw new Error(kioskOnly('kiosk:wipe-and-restart'));
      },
    },
    update: {
      getStatus: async () => ({ state: 'off' as const }),
      install: async () => {
        throw new Error(
          'update:install is not available in the browser build: reload the page to get the served version',
        );
      },
    },
    file: {
      export: async (request: IpcPayload<'file:export'>) => {
        checkPayload('file:export', request);
        downloadText(
          request.content,
          request.suggestedName,
          request.mediaType,
          options.document,
        );
        // NOTE: the browser does not report a cancelled download, so a
        // started download counts as saved.
        return { saved: true };
      },
    },
    log: {
      write: async (entry: LogEntry) => {
        checkPayload('log:write', entry);
        output[entry.level](`[${entry.logger}] ${entry.message}`);
      },
    },
  } satisfies CopydeskBridge;
}
