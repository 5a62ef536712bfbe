/**
 * Runs the page-integrity checks on one scanned PDF file, and turns a file
 * that cannot be read into a message that names it and the fix.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';

import type { PageInspection } from '../../shared/ocr/copy-findings';
import type { HeaderLayout } from '../../shared/ocr/header-layout';
import {
  inspectCopy,
  type CopyInspection,
  type OcrRecognizer,
} from '../../shared/ocr/page-inspection';
import { PdfOpenError, PdfPageSource } from './pdf-page-source';

export interface FileCheckOptions {
  expectedCode?: string;
  layout?: HeaderLayout;
  /** Resolution of the header band, in dots per inch. */
  dpi?: number;
  pagesInFlight?: number;
  onPage?(inspection: PageInspection, done: number, total: number): void;
}

export type FileCheckResult =
  | { file: string; ok: true; inspection: CopyInspection }
  | { file: string; ok: false; message: string };

/** Returns the file name without its extension when it has the shape of an anonymous code. */
export function codeFromFileName(file: string): string | undefined {
  const name = basename(file, extname(file));
  return /^[A-Z0-9][A-Z0-9-]{3,}$/i.test(name) ? name.toUpperCase() : undefined;
}

function describeReadError(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return `${file} is missing (no such file): check the path and the file name.`;
  }
  if (code === 'EISDIR') {
    return `${file} is a folder: name the PDF files inside it.`;
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return `${file} cannot be read (permission denied): let this user read it.`;
  }
  return `${file} cannot be read (${(error as Error).message}).`;
}

function describeOpenError(file: string, error: PdfOpenError): string {
  switch (error.reason) {
    case 'not-pdf':
      return `${file} is not a PDF file (${error.message}): export the scan as PDF and check again.`;
    case 'encrypted':
      return `${file} is encrypted with a password, so its pages cannot be read: export the scan without a password and check again.`;
    case 'invalid':
      return `${file} is not a valid PDF: ${error.message}. Copy or export the scan again.`;
  }
}

/** Reads `file`, inspects every page and finds the copy's problems. */
export async function checkScanFile(
  file: string,
  recognizer: OcrRecognizer,
  options: FileCheckOptions = {},
): Promise<FileCheckResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { file, ok: false, message: describeReadError(file, error) };
  }
  if (bytes.length === 0) {
    return {
      file,
      ok: false,
      message: `${file} is empty (0 bytes): the scan was not written completely, so copy or export it again.`,
    };
  }

  let source: PdfPageSource;
  try {
    source = await PdfPageSource.open(bytes);
  } catch (error) {
    if (error instanceof PdfOpenError) {
      return { file, ok: false, message: describeOpenError(file, error) };
    }
    throw error;
  }

  try {
    const inspection = await inspectCopy(source, recognizer, {
      expectedCode: options.expectedCode,
      fallbackCode: codeFromFileName(file),
      layout: options.layout,
      dpi: options.dpi,
      pagesInFlight: options.pagesInFlight,
      onPage: options.onPage,
    });
    return { file, ok: true, inspection };
  } finally {
    await source.close();
  }
}
