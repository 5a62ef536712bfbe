/**
 * Prints the `kioskAdminCodeHash` value of the policy file for an admin
 * code read from standard input (`npm run kiosk:hash-code`).
 *
 * The hash is made by `main/admin-code-hash.ts`, the module with which the
 * app checks the code, so the two cannot disagree. The code is read from standard input rather than from an argument, so it
 * stays out of shell history and process lists.
 */
import { text } from 'node:stream/consumers';
import { pathToFileURL } from 'node:url';

import { hashAdminCode } from '../main/admin-code-hash';

export const MIN_CODE_LENGTH = 8;

/** Derives the policy's hash of `code` with a new random salt. */
export async function hashKioskAdminCode(code: string): Promise<string> {
  if (code.length < MIN_CODE_LENGTH) {
    throw new Error(
      `the admin code has ${code.length} characters, at least ${MIN_CODE_LENGTH} are required: choose a longer code`,
    );
  }

  return hashAdminCode(code);
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
