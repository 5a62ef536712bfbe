/**
 * A small stand-in for the parts of the `electron` module that the main
 * process modules call. The real module cannot load in Node here: it
 * downloads the Electron binary on first use. Tests install it with
 * `vi.mock('electron', () => import('./support/electron-double'))`.
 */
import { vi } from 'vitest';

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

const invokeHandlers = new Map<string, InvokeHandler>();

export const ipcMain = {
  handle: vi.fn((channel: string, handler: InvokeHandler) => {
    if (invokeHandlers.has(channel)) {
      throw new Error(
        `Attempted to register a second handler for '${channel}'`,
      );
    }
    invokeHandlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    invokeHandlers.delete(channel);
  }),
};

/**
 * Delivers an `ipcRenderer.invoke` message the way Electron does: the
 * handler's result or rejection, or a rejection when no handler is set.
 */
export async function invokeFromRenderer(
  channel: string,
  event: unknown,
  ...args: unknown[]
): Promise<unknown> {
  const handler = invokeHandlers.get(channel);
  if (handler === undefined) {
    throw new Error(`No handler registered for '${channel}'`);
  }
  return handler(event, ...args);
}

export const shell = {
  openExternal: vi.fn(async (_url: string) => undefined),
};

export const protocol = {
  handle: vi.fn(),
};

/**
 * Encrypts by reversing the bytes and prefixing `v10`, like Chromium's
 * format marker, so tests can tell stored bytes from the clear text.
 * `shouldReEncrypt` is what `decryptStringAsync` reports, as after a key
 * rotation.
 */
export const safeStorage = {
  encryptionAvailable: true,
  backend: 'gnome_libsecret',
  shouldReEncrypt: false,
  isAsyncEncryptionAvailable: vi.fn(
    async () => safeStorage.encryptionAvailable,
  ),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
  encryptStringAsync: vi.fn(async (text: string) => {
    if (!safeStorage.encryptionAvailable) {
      throw new Error('Encryption is not available.');
    }
    const bytes = Buffer.from(text, 'utf8').reverse();
    return Buffer.concat([Buffer.from('v10'), bytes]);
  }),
  decryptStringAsync: vi.fn(async (encrypted: Buffer) => {
    if (encrypted.subarray(0, 3).toString() !== 'v10') {
      throw new Error('Error while decrypting the ciphertext.');
    }
    const result = Buffer.from(encrypted.subarray(3))
      .reverse()
      .toString('utf8');
    return { result, shouldReEncrypt: safeStorage.shouldReEncrypt };
  }),
};

/** Puts every double back in its initial state. */
export function resetElectronDouble(): void {
  invokeHandlers.clear();
  safeStorage.encryptionAvailable = true;
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.shouldReEncrypt = false;
  vi.clearAllMocks();
}
