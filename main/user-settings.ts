/**
 * The settings the examiner chooses in the app (grading server, language),
 * kept in `settings.json` in the user data folder. A key that the policy
 * file fixes overrides the same key here.
 */
import { readFile } from 'node:fs/promises';

import { Compile } from 'typebox/compile';

import { UserSettings, type ManagedSettings } from '../shared/ipc/contract';
import { isAllowedServiceUrl } from '../shared/service-url';
import { writeFileAtomic } from './atomic-file';
import { createLogger } from './logger';

const log = createLogger('settings');

/** Name of the settings file in the user data folder. */
export const USER_SETTINGS_FILE = 'settings.json';

const validator = Compile(UserSettings);

type SettingsKey = keyof UserSettings;

/** The rule for each key, written after the key and its value in errors. */
const RULES: Record<SettingsKey, string> = {
  serverUrl:
    'must be an https:// address (http:// only for localhost) of at most 2000 characters',
  language: 'must be "fr" or "en"',
};

const KNOWN_KEYS = Object.keys(RULES) as SettingsKey[];

/**
 * Returns why `settings` may not be stored, naming the key, its value and
 * the rule, or null when they may. A server address that contains a user
 * name or password is not repeated, so the password stays out of the log.
 */
export function findSettingsProblem(settings: unknown): string | null {
  if (
    typeof settings !== 'object' ||
    settings === null ||
    Array.isArray(settings)
  ) {
    return 'the settings must be a JSON object, such as {"language": "fr"}';
  }

  const values = settings as Record<string, unknown>;
  for (const key of Object.keys(values)) {
    if (!KNOWN_KEYS.includes(key as SettingsKey)) {
      return `unknown key ${JSON.stringify(key)}: the settings have only ${KNOWN_KEYS.join(' and ')}`;
    }
  }

  for (const key of KNOWN_KEYS) {
    const value = values[key];
    if (value !== undefined && !isValidValue(key, value)) {
      if (key === 'serverUrl' && hasCredentials(value)) {
        return 'serverUrl must not contain a user name or password';
      }
      return `${key} ${describeValue(value)} ${RULES[key]}`;
    }
  }

  // The loops above cover every rule of the schema. This check keeps the
  // schema the authority if a rule is added to it alone.
  if (!validator.Check(settings)) {
    return 'the settings do not match the settings schema';
  }
  return null;
}

function isValidValue(key: SettingsKey, value: unknown): boolean {
  if (!validator.Check({ [key]: value })) {
    return false;
  }
  return key !== 'serverUrl' || isAllowedServiceUrl(value as string, true);
}

function hasCredentials(value: unknown): boolean {
  try {
    const url = new URL(String(value));
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

/** Writes `value` as JSON, cut to 100 characters, for an error message. */
function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

/**
 * Returns the grading server the app talks to: the policy's when it fixes
 * one, else the examiner's, else null.
 */
export function effectiveServerUrl(
  managed: ManagedSettings,
  user: UserSettings,
): string | null {
  return managed.serverUrl ?? user.serverUrl ?? null;
}

export class UserSettingsStore {
  private settings: UserSettings = {};
  /** The last write, so that writes run one at a time and in call order. */
  private lastWrite: Promise<unknown> = Promise.resolve();

  /**
   * @param file the settings file, normally
   *   `<app.getPath('userData')>/settings.json`
   */
  constructor(private readonly file: string) {}

  /**
   * Reads the settings file, once at start-up. A missing file means no
   * settings. An unreadable or invalid file is logged and ignored, so the
   * app still starts, and the next `set` replaces it.
   */
  async load(): Promise<UserSettings> {
    this.settings = await this.read();
    return this.get();
  }

  /** Returns the settings of this run. */
  get(): UserSettings {
    return { ...this.settings };
  }

  /**
   * Replaces every setting with `settings` and returns what was stored.
   * Rejects, keeping the stored settings, when `settings` are invalid or
   * the file cannot be written.
   */
  set(settings: UserSettings): Promise<UserSettings> {
    const problem = findSettingsProblem(settings);
    if (problem !== null) {
      return Promise.reject(new Error(`invalid settings: ${problem}`));
    }

    const write = this.lastWrite.then(() => this.write(settings));
    this.lastWrite = write.catch(() => undefined);
    return write;
  }

  private async write(settings: UserSettings): Promise<UserSettings> {
    const text = `${JSON.stringify(settings, null, 2)}\n`;
    try {
      await writeFileAtomic(this.file, text, 0o600);
    } catch (error) {
      throw new Error(
        `could not write the settings to ${this.file} (${String(error)}): free disk space or fix the folder's permissions`,
        { cause: error },
      );
    }

    // The copy read back from the JSON text contains exactly what was written.
    this.settings = JSON.parse(text) as UserSettings;
    log.info(`stored the settings in ${this.file}`);
    return this.get();
  }

  private async read(): Promise<UserSettings> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        log.error(
          `using no user settings: could not read ${this.file} (${String(error)})`,
        );
      }
      return {};
    }

    let document: unknown;
    try {
      // Editors on Windows may start UTF-8 files with a byte order mark.
      document = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      log.warn(
        `using no user settings: ${this.file} is not valid JSON (${(error as Error).message})`,
      );
      return {};
    }

    const problem = findSettingsProblem(document);
    if (problem !== null) {
      log.warn(`using no user settings: ${this.file}: ${problem}`);
      return {};
    }
    return document as UserSettings;
  }
}
