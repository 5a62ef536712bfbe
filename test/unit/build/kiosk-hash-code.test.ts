import { spawnSync } from 'node:child_process';
import { scryptSync, timingSafeEqual } from 'node:crypto';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  hashKioskAdminCode,
  MIN_CODE_LENGTH,
  stripLineEnding,
} from '../../../build/kiosk-hash-code';
import { Policy } from '../../../main/policy';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Checks `code` against `hash` the way the policy's format defines it. */
function matches(code: string, hash: string): boolean {
  const [scheme, saltHex, keyHex] = hash.split(':');
  expect(scheme).toBe('scrypt');

  const key = Buffer.from(keyHex!, 'hex');
  const derived = scryptSync(code, Buffer.from(saltHex!, 'hex'), key.length, {
    N: 16384,
    r: 8,
    p: 1,
  });
  return timingSafeEqual(derived, key);
}

describe('hashKioskAdminCode', () => {
  it('matches the policy pattern', async () => {
    const hash = await hashKioskAdminCode('surveillant-2024');
    const schema = Policy.properties.kioskAdminCodeHash as unknown as {
      pattern: string;
    };

    expect(hash).toMatch(new RegExp(schema.pattern));
  });

  it('verifies the right code only', async () => {
    const hash = await hashKioskAdminCode('surveillant-2024');

    expect(matches('surveillant-2024', hash)).toBe(true);
    expect(matches('surveillant-2025', hash)).toBe(false);
  });

  it('hashes the code in Unicode NFC', async () => {
    const decomposed = 'surveille\u0301-2024';
    const hash = await hashKioskAdminCode(decomposed);

    expect(matches(decomposed.normalize('NFC'), hash)).toBe(true);
    expect(matches(decomposed, hash)).toBe(false);
  });

  it('uses a new salt each time', async () => {
    const first = await hashKioskAdminCode('surveillant-2024');
    const second = await hashKioskAdminCode('surveillant-2024');

    expect(first.split(':')[1]).not.toBe(second.split(':')[1]);
  });

  it('rejects a short code', async () => {
    const code = 'x'.repeat(MIN_CODE_LENGTH - 1);

    await expect(hashKioskAdminCode(code)).rejects.toThrow(
      `the admin code has ${code.length} characters, at least ${MIN_CODE_LENGTH} are required`,
    );
  });

  it('keeps accented characters', async () => {
    const hash = await hashKioskAdminCode('clé-secrète');

    expect(matches('clé-secrète', hash)).toBe(true);
    expect(matches('cle-secrete', hash)).toBe(false);
  });
});

describe('stripLineEnding', () => {
  it.each([
    ['code\n', 'code'],
    ['code\r\n', 'code'],
    ['code', 'code'],
    ['code \n', 'code '],
    ['code\n\n', 'code\n'],
  ])('turns %j into %j', (input, expected) => {
    expect(stripLineEnding(input)).toBe(expected);
  });
});

describe('npm run kiosk:hash-code', () => {
  it('hashes the code from standard input', () => {
    const result = spawnSync('npx', ['tsx', 'build/kiosk-hash-code.ts'], {
      cwd: ROOT,
      input: 'surveillant-2024\n',
      encoding: 'utf8',
    });

    expect(result.status, result.stderr).toBe(0);
    expect(matches('surveillant-2024', result.stdout.trim())).toBe(true);
  });

  it('exits with 1 on a short code', () => {
    const result = spawnSync('npx', ['tsx', 'build/kiosk-hash-code.ts'], {
      cwd: ROOT,
      input: 'short\n',
      encoding: 'utf8',
    });

    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('at least 8 are required');
  });
});
