// @ts-check
/**
 * Worker thread that opens PDFs with pdf.js, one request at a time, and
 * posts back the page count or the reason a file cannot be read. It runs
 * apart from the importer so that a file which makes pdf.js loop or exhaust
 * memory is stopped by terminating this thread (see `pdf-checker.ts`).
 *
 * It is plain JavaScript because worker threads start without the
 * TypeScript loader of the process that creates them.
 */
import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The PDF header must start within the first 1024 bytes, as in Acrobat. */
const HEADER_WINDOW = 1024;

const EOF_MARKER = Buffer.from('%%EOF', 'latin1');

/** Object, cross-reference or trailer keywords: the body of a PDF revision. */
const STRUCTURE_AFTER_EOF =
  /\d+\s+\d+\s+obj\b|endobj|\bxref\b|trailer|startxref/;

const pdfjsRoot = path.dirname(
  createRequire(import.meta.url).resolve('pdfjs-dist/package.json'),
);

// Fonts, character maps, colour profiles and decoders are read from the
// installed pdfjs-dist package through the file system, never fetched.
const DOCUMENT_OPTIONS = {
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  useWorkerFetch: false,
  stopAtErrors: true,
  verbosity: VerbosityLevel.ERRORS,
  standardFontDataUrl: `${pdfjsRoot}/standard_fonts/`,
  cMapUrl: `${pdfjsRoot}/cmaps/`,
  cMapPacked: true,
  iccUrl: `${pdfjsRoot}/iccs/`,
  wasmUrl: `${pdfjsRoot}/wasm/`,
};

const port = parentPort;
if (port === null) {
  throw new Error('pdf-check-worker.mjs must run as a worker thread');
}

port.on(
  'message',
  async (/** @type {{id: number, file: string}} */ request) => {
    let result;
    try {
      result = await checkPdf(request.file);
    } catch (error) {
      result = { ok: false, reason: 'unreadable', detail: describe(error) };
    }
    port.postMessage({ id: request.id, ...result });
  },
);

/**
 * Checks that the file is a complete PDF that pdf.js opens without a
 * password, with at least one page, and that every page's content parses.
 * @param {string} file
 */
async function checkPdf(file) {
  const bytes = await readFile(file);

  if (!bytes.subarray(0, HEADER_WINDOW).includes('%PDF-', 0, 'latin1')) {
    return { ok: false, reason: 'not-pdf', detail: '' };
  }
  if (isTruncated(bytes)) {
    return { ok: false, reason: 'truncated', detail: '' };
  }

  const task = getDocument({
    data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    ...DOCUMENT_OPTIONS,
  });
  try {
    let document;
    try {
      document = await task.promise;
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      const reason = name === 'PasswordException' ? 'password' : 'invalid';
      return { ok: false, reason, detail: describe(error) };
    }

    if (document.numPages < 1) {
      return { ok: false, reason: 'no-pages', detail: '' };
    }

    // A page is unreadable when pdf.js cannot load it, or cannot build its
    // operator list with stopAtErrors (a parse error in its content).
    // NOTE: pdf.js 5.6 still skips some damage without an error. A page
    // whose content stream is missing or fails to decompress reads as a
    // blank page, so it passes this check.
    for (let number = 1; number <= document.numPages; number += 1) {
      try {
        const page = await document.getPage(number);
        await page.getOperatorList();
        page.cleanup();
      } catch (error) {
        return {
          ok: false,
          reason: 'page',
          page: number,
          detail: describe(error),
        };
      }
    }

    return { ok: true, pageCount: document.numPages };
  } finally {
    await task.destroy();
  }
}

/**
 * Reports whether the file was cut short. A complete PDF ends with `%%EOF`,
 * possibly followed by junk that readers ignore. The file is truncated when
 * the marker is missing, or when objects or a cross-reference section follow
 * the last marker, which means an update appended to the file was cut off.
 * @param {Buffer} bytes
 */
function isTruncated(bytes) {
  const marker = bytes.lastIndexOf(EOF_MARKER);
  if (marker < 0) {
    return true;
  }
  const tail = bytes.subarray(marker + EOF_MARKER.length).toString('latin1');
  return STRUCTURE_AFTER_EOF.test(tail);
}

/** @param {unknown} error */
function describe(error) {
  return error instanceof Error ? error.message : String(error);
}
