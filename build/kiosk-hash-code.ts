/**
 * Prints the `kioskAdminCodeHash` value of the policy file for an admin
 * code read from standard input (`npm run kiosk:hash-code`).
 *
 * The hash is `scrypt:<salt>:<key>` in lowercase hex: a random 16-byte salt
 * and the 32-byte key that Node.js's `crypto.scrypt` derives from the code's
 * UTF-8 bytes and the salt bytes with its defaults (N=16384, r=8, p=1).
 * The code is read from standard input rather than from an argument, so it
 * stays out of shell history and process lists.
 */
import { randomBytes, scrypt } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt);

export const SALT_BYTES = 16;
export const KEY_BYTES = 32;
export const MIN_CODE_LENGTH = 8;

/** Derives the policy's hash of `code` with a new random salt. */
export async function hashKioskAdminCode(code: string): Promise<string> {
  if (code.length < MIN_CODE_LENGTH) {
    throw new Error(
      `the admin code has ${code.length} characters, at least ${MIN_CODE_LENGTH} are required: choose a longer code`,
    );
  }

  const salt = randomBytes(SALT_BYTES);
  const key = (await scryptAsync(code, salt, KEY_BYTES)) as Buffer;
  return `scrypt:${salt.toString('hex')}:${key.toString('hex')}`;
}

/** Removes the one line ending that `echo` or a terminal adds. */
export function stripLineEnding(input: string): string {
  return input.replace(/\r?\n$/, '');
}

async function main(): Promise<void> {
  if (process.stdin.isTTY) {
    process.stderr.write(
      'Type the admin code, then Enter and Ctrl+D (it is shown as you type):\n',
    );
  }

  const code = stripLineEnding(await text(process.stdin));
  try {
    process.stdout.write(`${await hashKioskAdminCode(code)}\n`);
  } catch (error) {
    process.stderr.write(`kiosk:hash-code: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
