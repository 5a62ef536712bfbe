/**
 * The sign-in lock after repeated failures, seen by a client that waits the
 * Retry-After it is sent. The server reads the time from `Date`. These tests
 * fake only `Date`, so network timers keep running, and set it forward
 * instead of sleeping through the locks.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { expect, it, vi } from 'vitest';

import { PROBLEM_TYPES } from '../../../shared/api/schemas';
import { PASSWORDS } from '../../support/fixture-sitting';
import { testDialects } from '../../support/test-database';
import {
  ApiClient,
  startTestServer,
  type ApiResponse,
  type TestServer,
} from '../../support/test-server';
import { expectProblem } from './support/problem';

const WRONG = 'not the password';

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`sign-in lock on ${dialect}`, () => {
    let server: TestServer;
    let anonymous: ApiClient;
    let start: number;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      anonymous = new ApiClient(server.url);
    });
    afterAll(async () => {
      await server?.close();
    });

    beforeEach(async () => {
      await server.handle.db.deleteFrom('login_failures').execute();
      start = Date.now();
      vi.useFakeTimers({ toFake: ['Date'], now: start });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    /** Sets the server's clock to `seconds` after the test started. */
    function clockAt(seconds: number): void {
      vi.setSystemTime(start + seconds * 1000);
    }

    function login(username: string, password: string) {
      return anonymous.request('POST', '/api/v1/auth/login', {
        body: { username, password, deviceName: 'laptop' },
      });
    }

    async function failFiveTimes(username: string): Promise<void> {
      const statuses: number[] = [];
      for (let index = 0; index < 5; index += 1) {
        statuses.push((await login(username, `${WRONG} ${index}`)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
    }

    /** Asserts a 429 for the username and returns its Retry-After. */
    function expectLocked(response: ApiResponse): number {
      const problem = expectProblem(
        response,
        429,
        PROBLEM_TYPES.tooManyRequests,
      );
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(problem.detail).toContain('for this username');
      expect(problem.detail).toContain(`wait ${retryAfter} seconds`);
      return retryAfter;
    }

    it('right password signs in once the lock ends', async () => {
      await failFiveTimes('amartin');
      expect(expectLocked(await login('amartin', PASSWORDS.amartin))).toBe(30);

      clockAt(30);
      const signedIn = await login('amartin', PASSWORDS.amartin);

      expect(signedIn.status).toBe(200);
      // The success cleared the failures: five more are allowed.
      await failFiveTimes('amartin');
    });

    it('wrong password after a lock doubles it', async () => {
      await failFiveTimes('amartin');
      expect(expectLocked(await login('amartin', WRONG))).toBe(30);

      clockAt(30);
      expect((await login('amartin', WRONG)).status).toBe(401);
      expect(expectLocked(await login('amartin', PASSWORDS.amartin))).toBe(60);

      clockAt(90);
      expect((await login('amartin', WRONG)).status).toBe(401);
      expect(expectLocked(await login('amartin', WRONG))).toBe(120);

      clockAt(210);
      expect((await login('amartin', PASSWORDS.amartin)).status).toBe(200);
    });

    it('attempts while locked do not extend the lock', async () => {
      await failFiveTimes('amartin');

      const waits: number[] = [];
      for (const seconds of [0, 10, 20, 29]) {
        clockAt(seconds);
        waits.push(expectLocked(await login('amartin', PASSWORDS.amartin)));
      }
      expect(waits).toEqual([30, 20, 10, 1]);

      clockAt(30);
      expect((await login('amartin', PASSWORDS.amartin)).status).toBe(200);
    });

    it('Retry-After is the exact wait', async () => {
      await failFiveTimes('amartin');
      clockAt(12.5);
      const retryAfter = expectLocked(await login('amartin', WRONG));
      expect(retryAfter).toBe(18);

      clockAt(29.999);
      expect(expectLocked(await login('amartin', WRONG))).toBe(1);

      clockAt(12.5 + retryAfter);
      expect((await login('amartin', PASSWORDS.amartin)).status).toBe(200);
    });

    it('burst after a lock gets one password check', async () => {
      await failFiveTimes('chef');
      clockAt(30);

      const burst = await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          login('chef', index === 11 ? PASSWORDS.chef : `guess ${index}`),
        ),
      );

      const statuses = burst.map((response) => response.status);
      expect(statuses.filter((status) => status !== 429)).toHaveLength(1);
      expect(statuses.filter((status) => status === 429)).toHaveLength(11);
    });

    it('success at the address limit leaves the address open', async () => {
      await server.handle.db
        .insertInto('login_failures')
        .values({
          username: 'ip:127.0.0.1',
          failures: 99,
          window_started_at: new Date(start).toISOString(),
          locked_until: null,
        })
        .execute();

      expect((await login('amartin', PASSWORDS.amartin)).status).toBe(200);
      expect((await login('bdupont', PASSWORDS.bdupont)).status).toBe(200);
      expect((await login('chef', WRONG)).status).toBe(401);

      const locked = await login('chef', PASSWORDS.chef);
      const problem = expectProblem(locked, 429, PROBLEM_TYPES.tooManyRequests);
      expect(problem.detail).toContain('from this network address');
      expect(locked.headers.get('retry-after')).toBe('60');

      clockAt(60);
      expect((await login('chef', PASSWORDS.chef)).status).toBe(200);
    });

    it('locked username does not count against the address', async () => {
      await failFiveTimes('amartin');
      for (let index = 0; index < 20; index += 1) {
        expectLocked(await login('amartin', WRONG));
      }

      const row = await server.handle.db
        .selectFrom('login_failures')
        .select('failures')
        .where('username', '=', 'ip:127.0.0.1')
        .executeTakeFirstOrThrow();
      expect(row.failures).toBe(5);
    });

    it('username with surrounding spaces signs in', async () => {
      const response = await login('  amartin\t', PASSWORDS.amartin);

      expect(response.status).toBe(200);
    });

    it('blank username is wrong credentials', async () => {
      const blank = await login(' \t ', PASSWORDS.amartin);

      expectProblem(blank, 401, PROBLEM_TYPES.unauthorized);
    });

    it('username is matched with its case', async () => {
      const upper = await login('AMARTIN', PASSWORDS.amartin);

      expectProblem(upper, 401, PROBLEM_TYPES.unauthorized);
    });

    it('lock counts the username as matched', async () => {
      // Another case is another, unknown, username with its own count.
      await failFiveTimes('AMARTIN');
      expect((await login('amartin', PASSWORDS.amartin)).status).toBe(200);

      await failFiveTimes(' amartin ');
      expectLocked(await login('amartin', PASSWORDS.amartin));
    });
  });
}
