/**
 * Writes a file so that a crash or a power cut leaves either its old or its
 * new content, never a mix or an empty file. The data goes to a temporary
 * file beside it, which is flushed to disk and then renamed over the file.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces `file` with `data`, created with permission bits `mode` (0o600
 * for a secret). Uses `<file>.tmp` as the temporary file, so the caller
 * must not run two writes of the same file at once.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  mode: number,
): Promise<void> {
  const temporary = `${file}.tmp`;

  await mkdir(path.dirname(file), { recursive: true });
  // A temporary file left by a crash could have other permission bits, and
  // `open` applies `mode` only to a file it creates.
  await rm(temporary, { force: true });

  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }

  await syncFolder(path.dirname(file));
}

/**
 * Flushes the folder so that the rename itself survives a power cut.
 * Skipped on Windows, where a folder cannot be flushed through `open`.
 */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') {
    return;
  }

  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
