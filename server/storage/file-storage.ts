import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import {
  access,
  copyFile,
  mkdir,
  open,
  rename,
  stat,
  unlink,
} from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertValidByteRange } from './byte-range-check';
import { assertValidScanKey, InvalidScanKeyError } from './scan-key';
import {
  ScanNotFoundError,
  type ByteRange,
  type ScanStorage,
} from './scan-storage';

/**
 * Scans stored as files under one folder of the local file system. The key
 * `a/b.pdf` is the file `<root>/a/b.pdf`. The folder and any subfolders are
 * created on first write.
 */
export class FileScanStorage implements ScanStorage {
  readonly description: string;
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.description = `file:${this.root}`;
  }

  /**
   * Copies the file to a temporary file next to the target, flushes it to
   * disk, then renames it over the target. A crash leaves either the old scan
   * or the new one under `key`, never a partial file.
   */
  async putFile(key: string, sourcePath: string): Promise<void> {
    const target = this.pathOf(key);
    const directory = path.dirname(target);
    const suffix = randomBytes(6).toString('hex');
    const temporary = path.join(
      directory,
      `.${path.basename(target)}.${suffix}.tmp`,
    );

    await mkdir(directory, { recursive: true });

    try {
      await copyAndSync(sourcePath, temporary);
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }

    await syncDirectory(directory);
  }

  async openRead(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    if (range !== undefined) {
      assertValidByteRange(range);
    }

    let handle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      throw mapMissing(error, key);
    }

    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        throw new ScanNotFoundError(key);
      }

      if (range !== undefined && range.start >= info.size) {
        throw new RangeError(
          `Range start ${range.start} is past the end of scan "${key}" ` +
            `(${info.size} bytes)`,
        );
      }
    } catch (error) {
      await handle.close();
      throw error;
    }

    // The stream owns the handle from here and closes it when it ends,
    // fails or is destroyed.
    return handle.createReadStream({ start: range?.start, end: range?.end });
  }

  async size(key: string): Promise<number | null> {
    const file = this.pathOf(key);

    try {
      const info = await stat(file);
      return info.isFile() ? info.size : null;
    } catch (error) {
      if (isMissingFileError(error)) {
        return null;
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);

    try {
      await unlink(file);
    } catch (error) {
      if (!isMissingFileError(error)) {
        throw error;
      }
    }
  }

  /** Creates the folder when missing, then checks that it is writable. */
  async checkReady(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
      await access(this.root, fsConstants.W_OK | fsConstants.X_OK);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Scan storage folder ${this.root} is not a writable folder: ` +
          `${detail}. Check SCAN_STORAGE and the folder's permissions.`,
        { cause: error },
      );
    }
  }

  /** Maps a validated key to its file, which is always inside `root`. */
  private pathOf(key: string): string {
    assertValidScanKey(key);

    const file = path.resolve(this.root, key);
    const relative = path.relative(this.root, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new InvalidScanKeyError(key, 'the key leads outside the folder');
    }

    return file;
  }
}

async function copyAndSync(sourcePath: string, target: string): Promise<void> {
  await copyFile(sourcePath, target, fsConstants.COPYFILE_EXCL);

  const handle = await open(target, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes a folder's entries so a rename survives a power loss. Windows
 * cannot open a folder for this, and there the rename is left to the file
 * system.
 */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') {
    return;
  }

  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissingFileError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function mapMissing(error: unknown, key: string): unknown {
  return isMissingFileError(error) ? new ScanNotFoundError(key) : error;
}
