/**
 * The kiosk administrator code, which lets an administrator quit the app
 * on a shared computer. The policy holds only its hash, in the format of
 * `admin-code-hash.ts`. Failed attempts make the next one wait longer, and
 * the code itself is never logged.
 */
import { createLogger } from './logger';
import { matchesAdminCode, type AdminCodeHash } from './admin-code-hash';

export {
  hashAdminCode,
  matchesAdminCode,
  parseAdminCodeHash,
  type AdminCodeHash,
} from './admin-code-hash';

const log = createLogger('kiosk');

/** Maximum code length, so a huge string cannot keep scrypt busy. */
export const MAX_ADMIN_CODE_LENGTH = 200;

/** Wait after the first failure, doubled after each next one. */
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 5 * 60 * 1000;

export type AdminCodeResult =
  | { status: 'accepted'; retryAfterSeconds: 0 }
  | {
      status: 'wrong-code' | 'too-many-attempts' | 'not-configured';
      /** Seconds before the next attempt is checked. */
      retryAfterSeconds: number;
    };

/**
 * Checks administrator codes, one at a time. After `n` failures in a row
 * the next attempt waits 2^(n-1) seconds, at most 5 minutes. An attempt
 * during the wait is rejected without being checked.
 */
export class AdminCodeChecker {
  private failures = 0;
  private blockedUntil = 0;
  private checking = false;

  constructor(
    private readonly hash: AdminCodeHash | null,
    private readonly now: () => number = Date.now,
  ) {}

  get configured(): boolean {
    return this.hash !== null;
  }

  async check(code: string): Promise<AdminCodeResult> {
    if (this.hash === null) {
      log.warn('administrator code entered, but the policy sets none');
      return { status: 'not-configured', retryAfterSeconds: 0 };
    }

    const waitMs = this.blockedUntil - this.now();
    if (this.checking || waitMs > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
      log.warn(
        `administrator code attempt rejected unchecked: retry in ${retryAfterSeconds} s`,
      );
      return { status: 'too-many-attempts', retryAfterSeconds };
    }

    this.checking = true;
    let matched: boolean;
    try {
      matched =
        code.length <= MAX_ADMIN_CODE_LENGTH &&
        (await matchesAdminCode(code, this.hash));
    } finally {
      this.checking = false;
    }

    if (matched) {
      this.failures = 0;
      this.blockedUntil = 0;
      log.info('administrator code accepted');
      return { status: 'accepted', retryAfterSeconds: 0 };
    }

    this.failures += 1;
    const delayMs = Math.min(
      FIRST_DELAY_MS * 2 ** (this.failures - 1),
      MAX_DELAY_MS,
    );
    this.blockedUntil = this.now() + delayMs;
    const retryAfterSeconds = Math.ceil(delayMs / 1000);
    log.warn(
      `wrong administrator code, failure ${this.failures} in a row: next attempt in ${retryAfterSeconds} s`,
    );
    return { status: 'wrong-code', retryAfterSeconds };
  }
}
