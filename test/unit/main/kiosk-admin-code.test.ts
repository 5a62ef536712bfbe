import { scryptSync } from 'node:crypto';

import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron-log/main', () => import('./support/electron-log-double'));

import {
  AdminCodeChecker,
  hashAdminCode,
  matchesAdminCode,
  parseAdminCodeHash,
} from '../../../main/kiosk-admin-code';
import { logLines } from './support/electron-log-double';

const SALT = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const CODE = '4711-centre';

beforeEach(() => {
  logLines.length = 0;
});

describe('hashAdminCode', () => {
  it('writes scrypt with Node defaults', async () => {
    const hash = await hashAdminCode(CODE, SALT);
    const expected = scryptSync(CODE, SALT, 32).toString('hex');

    expect(hash).toBe(`scrypt:${SALT.toString('hex')}:${expected}`);
  });

  it('draws a new salt each time', async () => {
    const first = await hashAdminCode(CODE);
    const second = await hashAdminCode(CODE);

    expect(first).toMatch(/^scrypt:[0-9a-f]{32}:[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
  });
});

describe('parseAdminCodeHash', () => {
  it('reads the salt and key', async () => {
    const parsed = parseAdminCodeHash(await hashAdminCode(CODE, SALT));

    expect(parsed.salt).toEqual(SALT);
    expect(parsed.key).toHaveLength(32);
  });

  it.each([
    ['empty', ''],
    ['other algorithm', `pbkdf2:${'0'.repeat(32)}:${'0'.repeat(64)}`],
    ['short salt', `scrypt:${'0'.repeat(30)}:${'0'.repeat(64)}`],
    ['short key', `scrypt:${'0'.repeat(32)}:${'0'.repeat(62)}`],
    ['upper-case hex', `scrypt:${'A'.repeat(32)}:${'0'.repeat(64)}`],
    ['extra part', `scrypt:${'0'.repeat(32)}:${'0'.repeat(64)}:1`],
  ])('rejects %s', (_case, text) => {
    expect(() => parseAdminCodeHash(text)).toThrow(
      'invalid kioskAdminCodeHash: expected scrypt:<salt, 32 hex digits>:<key, 64 hex digits>',
    );
  });
});

describe('matchesAdminCode', () => {
  it('accepts the right code only', async () => {
    const hash = parseAdminCodeHash(await hashAdminCode(CODE, SALT));

    expect(await matchesAdminCode(CODE, hash)).toBe(true);
    expect(await matchesAdminCode('4711-centrE', hash)).toBe(false);
    expect(await matchesAdminCode('', hash)).toBe(false);
  });
});

describe('AdminCodeChecker', () => {
  async function createChecker() {
    const clock = { now: 1_000_000 };
    const hash = parseAdminCodeHash(await hashAdminCode(CODE, SALT));
    return { clock, checker: new AdminCodeChecker(hash, () => clock.now) };
  }

  it('accepts the right code', async () => {
    const { checker } = await createChecker();

    expect(await checker.check(CODE)).toEqual({
      status: 'accepted',
      retryAfterSeconds: 0,
    });
    expect(logLines.map((line) => line.text)).toEqual([
      'administrator code accepted',
    ]);
  });

  it('doubles the wait after each failure', async () => {
    const { clock, checker } = await createChecker();
    const waits: number[] = [];

    for (let attempt = 0; attempt < 4; attempt += 1) {
      const result = await checker.check('0000');
      expect(result.status).toBe('wrong-code');
      waits.push(result.retryAfterSeconds);
      clock.now += result.retryAfterSeconds * 1000;
    }

    expect(waits).toEqual([1, 2, 4, 8]);
  });

  it('caps the wait at five minutes', async () => {
    const { clock, checker } = await createChecker();
    let last = 0;

    for (let attempt = 0; attempt < 12; attempt += 1) {
      last = (await checker.check('0000')).retryAfterSeconds;
      clock.now += last * 1000;
    }

    expect(last).toBe(300);
  });

  it('rejects the right code during the wait', async () => {
    const { clock, checker } = await createChecker();
    await checker.check('0000');
    clock.now += 500;

    const early = await checker.check(CODE);

    expect(early.status).toBe('too-many-attempts');
    expect(early.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('resets the wait after a success', async () => {
    const { clock, checker } = await createChecker();
    await checker.check('0000');
    clock.now += 1000;
    await checker.check(CODE);

    const next = await checker.check('0000');

    expect(next).toEqual({ status: 'wrong-code', retryAfterSeconds: 1 });
  });

  it('never logs the code', async () => {
    const { clock, checker } = await createChecker();
    await checker.check('secret-guess');
    clock.now += 1000;
    await checker.check(CODE);

    const text = logLines.map((line) => line.text).join('\n');
    expect(text).not.toContain('secret-guess');
    expect(text).not.toContain(CODE);
  });

  it('reports a missing code', async () => {
    const checker = new AdminCodeChecker(null);

    expect(checker.configured).toBe(false);
    expect(await checker.check(CODE)).toEqual({
      status: 'not-configured',
      retryAfterSeconds: 0,
    });
  });

  it('rejects an overlong code unchecked', async () => {
    const { checker } = await createChecker();

    const result = await checker.check('x'.repeat(201));

    expect(result.status).toBe('wrong-code');
  });
});
