import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  choosePolicyFile,
  policyFilePath,
  readPolicy,
  toManagedSettings,
} from '../../../main/policy';

describe('policyFilePath', () => {
  it('uses ProgramData on Windows', () => {
    expect(policyFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Copydesk\\policy.json',
    );
  });

  it('falls back to C:\\ProgramData on Windows', () => {
    expect(policyFilePath('win32', {})).toBe(
      'C:\\ProgramData\\Copydesk\\policy.json',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(policyFilePath('darwin', {})).toBe(
      '/Library/Application Support/Copydesk/policy.json',
    );
  });

  it('uses /etc on Linux', () => {
    expect(policyFilePath('linux', { ProgramData: 'ignored' })).toBe(
      '/etc/copydesk/policy.json',
    );
  });
});

describe('choosePolicyFile', () => {
  const SYSTEM_FILE = '/etc/copydesk/policy.json';

  it('uses the system path without the variable', () => {
    expect(choosePolicyFile('linux', {}, false)).toEqual({
      file: SYSTEM_FILE,
      override: 'unset',
    });
  });

  it('uses the variable when not packaged', () => {
    const env = { COPYDESK_POLICY_FILE: '/tmp/kiosk-policy.json' };

    expect(choosePolicyFile('linux', env, false)).toEqual({
      file: '/tmp/kiosk-policy.json',
      override: 'used',
    });
  });

  it('resolves a relative override', () => {
    const env = { COPYDESK_POLICY_FILE: 'policy.json' };

    expect(choosePolicyFile('linux', env, false).file).toBe(
      path.resolve('policy.json'),
    );
  });

  it('ignores the variable when packaged', () => {
    const env = { COPYDESK_POLICY_FILE: '/tmp/kiosk-policy.json' };

    expect(choosePolicyFile('linux', env, true)).toEqual({
      file: SYSTEM_FILE,
      override: 'ignored',
    });
  });

  it('treats an empty variable as unset', () => {
    const env = { COPYDESK_POLICY_FILE: '' };

    expect(choosePolicyFile('linux', env, true)).toEqual({
      file: SYSTEM_FILE,
      override: 'unset',
    });
  });
});

describe('readPolicy', () => {
  let folder: string;
  let file: string;

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'copydesk-policy-'));
    file = path.join(folder, 'policy.json');
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function readWith(document: unknown) {
    await writeFile(file, JSON.stringify(document));
    return readPolicy(file);
  }

  it('reads every key', async () => {
    const policy = {
      serverUrl: 'https://copydesk.example.org',
      language: 'fr',
      kiosk: true,
      updateUrl: 'https://updates.example.org/copydesk/',
      kioskAdminCodeHash: `scrypt:${'a1'.repeat(16)}:${'0f'.repeat(32)}`,
      idleLockMinutes: 15,
    };

    expect(await readWith(policy)).toEqual({ status: 'found', policy });
  });

  it('reads an empty object', async () => {
    expect(await readWith({})).toEqual({ status: 'found', policy: {} });
  });

  it('reads a file with a byte order mark', async () => {
    await writeFile(file, '\uFEFF{"language": "en"}');

    expect(await readPolicy(file)).toEqual({
      status: 'found',
      policy: { language: 'en' },
    });
  });

  it.each([
    'http://localhost:8080',
    'http://127.0.0.1:8080',
    'http://[::1]:8080',
  ])('accepts the local server %s', async (serverUrl) => {
    expect(await readWith({ serverUrl })).toMatchObject({ status: 'found' });
  });

  it('returns absent for a missing file', async () => {
    expect(await readPolicy(path.join(folder, 'missing.json'))).toEqual({
      status: 'absent',
    });
  });

  it('names the file and field of a bad server URL', async () => {
    expect(await readWith({ serverUrl: 'ftp://x' })).toEqual({
      status: 'invalid',
      problems: [
        `${file}: serverUrl "ftp://x" must be an https:// address (http:// only for localhost)`,
      ],
    });
  });

  it.each([
    ['serverUrl', 'http://copydesk.example.org'],
    ['serverUrl', 'copydesk.example.org'],
    ['serverUrl', 'https://admin:secret@copydesk.example.org'],
    ['serverUrl', 42],
    ['updateUrl', 'http://localhost:8080/updates'],
    ['updateUrl', 'file:///srv/updates'],
    ['language', 'de'],
    ['language', 'FR'],
    ['kiosk', 'yes'],
    ['kiosk', 1],
    ['idleLockMinutes', 0],
    ['idleLockMinutes', 2.5],
    ['idleLockMinutes', '15'],
    ['idleLockMinutes', 1441],
    ['kioskAdminCodeHash', '1234'],
    ['kioskAdminCodeHash', `sha256:${'a'.repeat(64)}`],
    ['kioskAdminCodeHash', null],
  ])('rejects %s %j', async (key, value) => {
    const result = await readWith({ [key]: value });

    expect(result.status).toBe('invalid');
    expect(result).toMatchObject({
      problems: [
        expect.stringContaining(
          `${file}: ${key} ${JSON.stringify(value)} must be`,
        ),
      ],
    });
  });

  it('rejects an unknown key and lists the known ones', async () => {
    const result = await readWith({
      serverURL: 'https://copydesk.example.org',
    });

    expect(result).toEqual({
      status: 'invalid',
      problems: [
        `${file}: unknown key "serverURL": remove it (the known keys are serverUrl, language, kiosk, updateUrl, kioskAdminCodeHash, idleLockMinutes)`,
      ],
    });
  });

  it('lists every problem at once', async () => {
    const result = await readWith({ kiosk: 'yes', language: 'de', extra: 1 });

    expect(result.status).toBe('invalid');
    expect(result).toMatchObject({
      problems: [
        expect.stringContaining('unknown key "extra"'),
        expect.stringContaining('language "de"'),
        expect.stringContaining('kiosk "yes"'),
      ],
    });
  });

  it.each([
    ['an array', []],
    ['a string', 'https://copydesk.example.org'],
    ['null', null],
  ])('rejects %s as document', async (_case, document) => {
    expect(await readWith(document)).toEqual({
      status: 'invalid',
      problems: [
        `${file}: must contain one JSON object, such as {"serverUrl": "https://copydesk.example.org"}`,
      ],
    });
  });

  it('rejects invalid JSON', async () => {
    await writeFile(file, '{ "kiosk": true, }');

    const result = await readPolicy(file);

    expect(result.status).toBe('invalid');
    expect(result).toMatchObject({
      problems: [
        expect.stringMatching(/: is not valid JSON \(.+\): fix the syntax/),
      ],
    });
  });

  it('rejects an empty file', async () => {
    await writeFile(file, '');

    expect(await readPolicy(file)).toMatchObject({ status: 'invalid' });
  });

  it('rejects a folder in place of the file', async () => {
    await mkdir(file);

    expect(await readPolicy(file)).toEqual({
      status: 'invalid',
      problems: [`${file}: is a folder: the policy must be a JSON file`],
    });
  });

  // Root reads any file whatever its mode, so this runs for other users only.
  it.skipIf(process.getuid?.() === 0)(
    'rejects an unreadable file',
    async () => {
      await writeFile(file, '{}');
      await chmod(file, 0o000);

      expect(await readPolicy(file)).toEqual({
        status: 'invalid',
        problems: [
          `${file}: cannot be read (permission denied): give every user read access to it`,
        ],
      });
    },
  );

  it('reports a permission error from the reader', async () => {
    const denied = Object.assign(
      new Error(`EACCES: permission denied, open '${file}'`),
      {
        code: 'EACCES',
      },
    );

    const result = await readPolicy(file, () => Promise.reject(denied));

    expect(result).toEqual({
      status: 'invalid',
      problems: [
        `${file}: cannot be read (permission denied): give every user read access to it`,
      ],
    });
  });
});

describe('toManagedSettings', () => {
  it('leaves out the kiosk administrator hash', () => {
    const settings = toManagedSettings({
      kiosk: true,
      kioskAdminCodeHash: `scrypt:${'a1'.repeat(16)}:${'0f'.repeat(32)}`,
      idleLockMinutes: 10,
    });

    expect(settings).toEqual({ kiosk: true, idleLockMinutes: 10 });
  });
});
