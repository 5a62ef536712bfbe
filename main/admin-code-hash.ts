/**
 * The kiosk administrator code's hash, in the policy file's format:
 * `scrypt:<salt, 16 bytes in hex>:<key, 32 bytes in hex>`, the key derived
 * by Node.js's `crypto.scrypt` with its default cost (N = 16384, r = 8,
 * p = 1) from the code in Unicode NFC, so a code typed with composed or
 * decomposed accents gives the same key. Pure Node.js, so the command that
 * IT staff run to make a hash uses it too.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const SCRYPT_COST = { N: 16384, r: 8, p: 1 };
const HASH_PATTERN = /^scrypt:([0-9a-f]{32}):([0-9a-f]{64})$/;

export interface AdminCodeHash {
  salt: Buffer;
  key: Buffer;
}

/** Parses `scrypt:<salt>:<key>`; throws an error that names the format. */
export function parseAdminCodeHash(text: string): AdminCodeHash {
  const match = HASH_PATTERN.exec(text);
  if (match === null) {
    throw new Error(
      'invalid kioskAdminCodeHash: expected scrypt:<salt, 32 hex digits>:<key, 64 hex digits>',
    );
  }
  return {
    salt: Buffer.from(match[1] as string, 'hex'),
    key: Buffer.from(match[2] as string, 'hex'),
  };
}

function deriveKey(code: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      code.normalize('NFC'),
      salt,
      KEY_BYTES,
      SCRYPT_COST,
      (error, key) => {
        if (error === null) {
          resolve(key);
        } else {
          reject(error);
        }
      },
    );
  });
}

/**
 * Hashes `code` in the policy's format, with a random salt unless `salt`
 * is given. IT staff make the policy's value with the same computation.
 */
export async function hashAdminCode(
  code: string,
  salt: Buffer = randomBytes(SALT_BYTES),
): Promise<string> {
  const key = await deriveKey(code, salt);
  return `scrypt:${salt.toString('hex')}:${key.toString('hex')}`;
}

/** Tests `code` against `hash` in constant time. */
export async function matchesAdminCode(
  code: string,
  hash: AdminCodeHash,
): Promise<boolean> {
  const key = await deriveKey(code, hash.salt);
  return key.length === hash.key.length && timingSafeEqual(key, hash.key);
}
