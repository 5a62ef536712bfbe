/**
 * Managed configuration: the policy file that an IT department installs at
 * a system location to fix the server, language, kiosk mode and updates on
 * every machine. Its values override the examiner's settings.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';

import { Language, type ManagedSettings } from '../shared/ipc/contract';
import { isAllowedServiceUrl } from '../shared/service-url';

export const Policy = Type.Object(
  {
    serverUrl: Type.Optional(Type.String()),
    language: Type.Optional(Language),
    kiosk: Type.Optional(Type.Boolean()),
    updateUrl: Type.Optional(Type.String()),
    kioskAdminCodeHash: Type.Optional(
      Type.String({ pattern: '^scrypt:[0-9a-f]{32}:[0-9a-f]{64}$' }),
    ),
    idleLockMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
  },
  { additionalProperties: false },
);
export type Policy = Static<typeof Policy>;

type PolicyKey = keyof Policy;

/** The rule for each key, written after the key and its value in errors. */
const EXPECTED: Record<PolicyKey, string> = {
  serverUrl: 'must be an https:// address (http:// only for localhost)',
  language: 'must be "fr" or "en"',
  kiosk: 'must be true or false',
  updateUrl: 'must be an https:// address',
  kioskAdminCodeHash:
    'must be an scrypt hash written as scrypt:<salt, 32 hex digits>:<key, 64 hex digits>',
  idleLockMinutes: 'must be a whole number of minutes from 1 to 1440',
};

const KNOWN_KEYS = Object.keys(EXPECTED) as PolicyKey[];

const validator = Compile(Policy);

export type PolicyReadResult =
  | { status: 'found'; policy: Policy }
  | { status: 'absent' }
  | { status: 'invalid'; problems: string[] };

/**
 * Returns the path of the policy file on `platform`: under `%ProgramData%`
 * on Windows, `/Library/Application Support` on macOS, `/etc` elsewhere.
 */
export function policyFilePath(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): string {
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData';
    return path.win32.join(programData, 'Copydesk', 'policy.json');
  }
  if (platform === 'darwin') {
    return '/Library/Application Support/Copydesk/policy.json';
  }
  return '/etc/copydesk/policy.json';
}

/**
 * The environment variable that replaces the policy file's path while the
 * app is not packaged, for development and end-to-end tests.
 */
export const POLICY_FILE_VARIABLE = 'COPYDESK_POLICY_FILE';

export interface PolicyFileChoice {
  /** The policy file to read. */
  file: string;
  /**
   * Whether `COPYDESK_POLICY_FILE` was set, and if so whether it was used
   * or ignored because the app is packaged.
   */
  override: 'unset' | 'used' | 'ignored';
}

/**
 * Chooses the policy file: the path in `COPYDESK_POLICY_FILE` when it is
 * set and the app is not packaged, else the system path. A packaged app
 * ignores the variable, so a packaged kiosk cannot be given another policy.
 */
export function choosePolicyFile(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  isPackaged: boolean,
): PolicyFileChoice {
  const systemFile = policyFilePath(platform, env);
  const overrideFile = env[POLICY_FILE_VARIABLE];
  if (overrideFile === undefined || overrideFile === '') {
    return { file: systemFile, override: 'unset' };
  }
  if (isPackaged) {
    return { file: systemFile, override: 'ignored' };
  }
  return { file: path.resolve(overrideFile), override: 'used' };
}

/**
 * Reads and validates the policy file. Every problem names the file and the
 * key and says how to fix it. `readText` exists for tests that need a read
 * error the test user cannot cause on a real file.
 */
export async function readPolicy(
  file: string,
  readText: (file: string) => Promise<string> = (name) =>
    readFile(name, 'utf8'),
): Promise<PolicyReadResult> {
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return { status: 'absent' };
    }
    return invalid(file, describeReadError(error));
  }

  let document: unknown;
  try {
    // Editors on Windows may start UTF-8 files with a byte order mark.
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return invalid(
      file,
      `is not valid JSON (${(error as Error).message}): fix the syntax, or remove the file to use no policy`,
    );
  }

  const problems = findProblems(document);
  if (problems.length > 0) {
    return {
      status: 'invalid',
      problems: problems.map((problem) => `${file}: ${problem}`),
    };
  }
  return { status: 'found', policy: document as Policy };
}

function invalid(file: string, problem: string): PolicyReadResult {
  return { status: 'invalid', problems: [`${file}: ${problem}`] };
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return 'cannot be read (permission denied): give every user read access to it';
  }
  if (code === 'EISDIR') {
    return 'is a folder: the policy must be a JSON file';
  }
  return `cannot be read (${(error as Error).message})`;
}

/** Lists every problem of `document`, one sentence per key. */
function findProblems(document: unknown): string[] {
  if (
    typeof document !== 'object' ||
    document === null ||
    Array.isArray(document)
  ) {
    return [
      'must contain one JSON object, such as {"serverUrl": "https://copydesk.example.org"}',
    ];
  }

  const values = document as Record<string, unknown>;
  const problems: string[] = [];

  for (const key of Object.keys(values)) {
    if (!KNOWN_KEYS.includes(key as PolicyKey)) {
      problems.push(
        `unknown key "${key}": remove it (the known keys are ${KNOWN_KEYS.join(', ')})`,
      );
    }
  }

  for (const key of KNOWN_KEYS) {
    const value = values[key];
    if (value === undefined) {
      continue;
    }
    if (!isValidValue(key, value)) {
      problems.push(`${key} ${JSON.stringify(value)} ${EXPECTED[key]}`);
    }
  }

  // The loops above cover every rule of the schema. This check keeps the
  // schema the authority if a rule is added to it alone.
  if (problems.length === 0 && !validator.Check(document)) {
    problems.push('does not match the policy schema');
  }
  return problems;
}

function isValidValue(key: PolicyKey, value: unknown): boolean {
  if (!validator.Check({ [key]: value })) {
    return false;
  }

  if (key === 'serverUrl') {
    return isAllowedServiceUrl(value as string, true);
  }
  if (key === 'updateUrl') {
    return isAllowedServiceUrl(value as string, false);
  }
  return true;
}

/** Returns the policy's values that the renderer may see. */
export function toManagedSettings(policy: Policy): ManagedSettings {
  const { kioskAdminCodeHash: _hash, ...settings } = policy;
  return settings;
}
