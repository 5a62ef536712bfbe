/**
 * Checks the examiner's password at the lock screen without the network.
 * At sign-in the session derives a PBKDF2-SHA-256 verifier from the
 * password with Web Crypto and keeps it in memory only, never the password.
 * After a restart there is none, so unlocking means signing in again.
 */

/**
 * Iterations of PBKDF2-SHA-256. One derivation took about 0.27 s in Node 20
 * on a 2-core test machine, once at sign-in and once per unlock.
 */
export const UNLOCK_PBKDF2_ITERATIONS = 600_000;

const SALT_BYTES = 16;
const VERIFIER_BITS = 256;

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    VERIFIER_BITS,
  );
  return new Uint8Array(bits);
}

/** Compares every byte, so the time does not depend on where they differ. */
function equalBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) {
    return false;
  }
  let difference = 0;
  for (let index = 0; index < left.length; index += 1) {
    difference |= (left[index] as number) ^ (right[index] as number);
  }
  return difference === 0;
}

export class UnlockVerifier {
  private constructor(
    private readonly salt: Uint8Array<ArrayBuffer>,
    private readonly verifier: Uint8Array,
    private readonly iterations: number,
  ) {}

  /** Derives a verifier from `password` with a new random salt. */
  static async create(
    password: string,
    iterations: number = UNLOCK_PBKDF2_ITERATIONS,
  ): Promise<UnlockVerifier> {
    const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    return new UnlockVerifier(
      salt,
      await derive(password, salt, iterations),
      iterations,
    );
  }

  /** Tests whether `password` is the one the verifier was made from. */
  async matches(password: string): Promise<boolean> {
    const candidate = await derive(password, this.salt, this.iterations);
    return equalBytes(candidate, this.verifier);
  }
}
