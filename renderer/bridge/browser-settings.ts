/**
 * The examiner's settings in the browser build: `settings.get` and
 * `settings.set` of the bridge, kept as JSON in one `localStorage` item and
 * checked as the main process checks them.
 */
import { createValidator } from './schema-validator';

import { UserSettings, type CopydeskBridge } from '../../shared/ipc/contract';
import { isAllowedServerUrl } from './browser-config';
import { checkPayload } from './payload-check';

/** The `localStorage` key of the settings item. */
export const SETTINGS_STORAGE_KEY = 'copydesk.settings';

/** The parts of `Storage` the settings use, so Node tests can pass a fake. */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

const validator = createValidator(UserSettings);

/**
 * Builds the `settings` methods of the bridge over `storage`, or over a
 * store in memory when it is undefined. `output` receives a warning when
 * the stored item is invalid.
 */
export function createBrowserSettings(
  storage: SettingsStorage | undefined,
  output: Pick<Console, 'warn'>,
): CopydeskBridge['settings'] {
  const store = storage ?? createMemoryStorage();

  return {
    get: async () => readSettings(store, output),
    set: async (settings: UserSettings) => {
      checkPayload('settings:set', settings);
      const problem = findServerUrlProblem(settings.serverUrl);
      if (problem !== null) {
        throw new Error(`invalid settings: ${problem}`);
      }

      const text = JSON.stringify(settings);
      store.setItem(SETTINGS_STORAGE_KEY, text);
      return JSON.parse(text) as UserSettings;
    },
  };
}

/** Reads the stored settings. An invalid item counts as no settings. */
function readSettings(
  storage: SettingsStorage,
  output: Pick<Console, 'warn'>,
): UserSettings {
  const text = storage.getItem(SETTINGS_STORAGE_KEY);
  if (text === null) {
    return {};
  }

  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    output.warn(
      `[settings] using no settings: localStorage item ${SETTINGS_STORAGE_KEY} is not valid JSON (${(error as Error).message})`,
    );
    return {};
  }

  if (!validator.Check(document)) {
    output.warn(
      `[settings] using no settings: localStorage item ${SETTINGS_STORAGE_KEY} does not match the settings schema`,
    );
    return {};
  }

  const problem = findServerUrlProblem(document.serverUrl);
  if (problem !== null) {
    output.warn(
      `[settings] using no settings: localStorage item ${SETTINGS_STORAGE_KEY}: ${problem}`,
    );
    return {};
  }
  return document;
}

/**
 * Returns why `serverUrl` is not allowed, in the main process's words, or
 * null when it is allowed or absent. An address with a user name or
 * password is not repeated, so the password stays out of the console.
 */
function findServerUrlProblem(serverUrl: string | undefined): string | null {
  if (serverUrl === undefined || isAllowedServerUrl(serverUrl)) {
    return null;
  }
  if (hasCredentials(serverUrl)) {
    return 'serverUrl must not contain a user name or password';
  }
  return `serverUrl ${JSON.stringify(serverUrl)} must be an https:// address (http:// only for localhost)`;
}

function hasCredentials(text: string): boolean {
  try {
    const url = new URL(text);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

/** Creates a store for a page without `localStorage`, lost at a reload. */
function createMemoryStorage(): SettingsStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}
