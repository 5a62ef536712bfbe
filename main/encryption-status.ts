/**
 * Whether `safeStorage` can protect a secret on this system. On Linux
 * without a keyring, Chromium falls back to its `basic_text` store, which
 * encrypts with a key written in its source code. That is no protection, so
 * it counts as no encryption here.
 */
import { safeStorage } from 'electron';

import type { VaultWriteResult } from '../shared/ipc/contract';

export interface EncryptionProblem {
  reason: Exclude<NonNullable<VaultWriteResult['reason']>, 'write-failed'>;
  /** The problem in a sentence, for the log. */
  message: string;
}

/**
 * Returns why `safeStorage` cannot protect a secret on `platform`
 * (`process.platform`), or null when it can. Call it after the app is ready.
 */
export async function findEncryptionProblem(
  platform: NodeJS.Platform,
): Promise<EncryptionProblem | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    return {
      reason: 'encryption-unavailable',
      message:
        'the operating system offers no encryption (safeStorage is unavailable)',
    };
  }

  if (
    platform === 'linux' &&
    safeStorage.getSelectedStorageBackend() === 'basic_text'
  ) {
    return {
      reason: 'basic-text-backend',
      message:
        'no keyring is running (GNOME Keyring or KWallet), so safeStorage would use a fixed key',
    };
  }

  return null;
}
