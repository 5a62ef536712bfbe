/**
 * Checks one copy's scan in the import folder: the file exists inside the
 * folder, is not empty, and is a complete, unencrypted PDF with at least one
 * readable page. Computes its SHA-256 and page count on the way.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import type { PdfChecker, PdfCheckResult } from './pdf-checker';

/**
 * Largest scan accepted, in bytes. NOTE: a chosen bound, about ten times a
 * 20-page scan at 300 dpi. The PDF reader loads the whole file into memory.
 */
export const MAX_SCAN_BYTES = 512 * 1024 * 1024;

export interface CheckedScan {
  /** Absolute path of the file, links resolved. */
  path: string;
  sha256: string;
  size: number;
  pageCount: number;
}

export type ScanCheckResult =
  { ok: true; scan: CheckedScan } | { ok: false; message: string };

/**
 * Checks `file`, a name relative to `folder` already checked by
 * `checkRelativeFileName`. `realFolder` is the folder with links resolved.
 */
export async function checkScanFile(
  folder: string,
  realFolder: string,
  file: string,
  checker: PdfChecker,
): Promise<ScanCheckResult> {
  const target = path.join(folder, ...file.replaceAll('\\', '/').split('/'));

  let resolved: string;
  let size: number;
  try {
    resolved = await realpath(target);
    const stats = await stat(resolved);
    if (!stats.isFile()) {
      return fail(`${file} is not a file: name the PDF of the scan`);
    }
    size = stats.size;
  } catch (error) {
    return fail(describeFileError(file, folder, error));
  }

  const inside = path.relative(realFolder, resolved);
  if (inside.startsWith('..') || path.isAbsolute(inside)) {
    return fail(
      `${file} is a link to ${resolved}, outside the import folder: copy the PDF itself into the folder`,
    );
  }

  if (size === 0) {
    return fail(
      `${file} is empty (0 bytes): the scan was not written completely, so export or copy it again`,
    );
  }
  if (size > MAX_SCAN_BYTES) {
    return fail(
      `${file} is ${formatMegabytes(size)}, above the ${formatMegabytes(MAX_SCAN_BYTES)} limit for one scan: scan it again at a lower resolution`,
    );
  }

  let sha256: string;
  try {
    sha256 = await hashFile(resolved);
  } catch (error) {
    return fail(describeFileError(file, folder, error));
  }

  const result = await checker.check(resolved);
  if (!result.ok) {
    return fail(describePdfFailure(file, result));
  }

  return {
    ok: true,
    scan: { path: resolved, sha256, size, pageCount: result.pageCount },
  };
}

/** Returns the SHA-256 of a file as lowercase hex, reading it as a stream. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

function fail(message: string): ScanCheckResult {
  return { ok: false, message };
}

function describeFileError(
  file: string,
  folder: string,
  error: unknown,
): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return `${file} is not in the import folder ${folder}: copy the scan there or correct the file name`;
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return `${file} cannot be read (permission denied): let the importing user read it`;
  }
  return `${file} cannot be read (${(error as Error).message})`;
}

type PdfFailure = Extract<PdfCheckResult, { ok: false }>;

function describePdfFailure(file: string, failure: PdfFailure): string {
  const again = 'export the scan again and import again';

  switch (failure.reason) {
    case 'not-pdf':
      return `${file} is not a PDF file (it does not start with %PDF-): export the scan as PDF and import again`;
    case 'truncated':
      return `${file} is truncated (its end-of-file marker %%EOF is missing or followed by more objects), so pages may be missing: copy or ${again}`;
    case 'password':
      return `${file} is password protected: export the scan without a password and import again`;
    case 'invalid':
      return `${file} is not a valid PDF (pdf.js: ${failure.detail}): ${again}`;
    case 'no-pages':
      return `${file} has no pages: ${again}`;
    case 'page':
      return `${file} page ${failure.page} cannot be read (pdf.js: ${failure.detail}): ${again}`;
    case 'timeout':
      return `${file} could not be read in time (${failure.detail}), so it may be damaged: ${again}`;
    case 'crashed':
      return `${file} stopped the PDF reader (${failure.detail}), so it may be damaged: ${again}`;
    case 'unreadable':
      return `${file} cannot be read (${failure.detail}): ${again}`;
  }
}

function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}
