/**
 * pdf.js in the renderer: the standard build, with its worker bundled by
 * Vite as a file of the app (the CSP allows workers from the app only).
 * Each scan gets its own worker, so a file that hangs its worker is stopped
 * with it. One worker is started ahead, so opening a copy does not wait for
 * a worker to load.
 */
import {
  getDocument,
  GlobalWorkerOptions,
  PDFWorker,
  type PDFDocumentProxy,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import jbig2WasmUrl from 'pdfjs-dist/wasm/jbig2.wasm?url';
import openjpegWasmUrl from 'pdfjs-dist/wasm/openjpeg.wasm?url';

import type { PageGeometry } from './page-geometry';
import { EmptyScanError, withTimeout } from './scan-problem';
import { toRotation } from '../../core/pages/page-frame';

GlobalWorkerOptions.workerSrc = workerUrl;

/** A scan opened by pdf.js, with the geometry of every page. */
export interface OpenedScan {
  document: PDFDocumentProxy;
  /** Index 0 is page 1. */
  pages: PageGeometry[];
  /** Destroys the document and stops its worker. */
  close(): Promise<void>;
}

/**
 * The WebAssembly decoders that pdf.js fetches by file name: JBIG2 and JPEG
 * 2000 images, both common in scans. Without them pdf.js 5.6 decodes JBIG2
 * in JavaScript, but fails to decode JPEG 2000 images.
 */
const WASM_URLS: Readonly<Record<string, string>> = {
  'jbig2.wasm': jbig2WasmUrl,
  'openjpeg.wasm': openjpegWasmUrl,
};

const wasmBytes = new Map<string, Promise<Uint8Array>>();

/**
 * Gives pdf.js's worker the decoders it requests by name (pdf.js's
 * `BinaryDataFactory` interface), from the files of the app. Standard fonts
 * and character maps are not shipped: the pages of scans are images, and
 * pdf.js draws any text in a substitute font without them.
 */
class AppBinaryDataFactory {
  fetch(request: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = WASM_URLS[request.filename];
    if (request.kind !== 'wasmUrl' || url === undefined) {
      return Promise.reject(
        new Error(
          `pdf.js requested ${request.kind} ${request.filename}, which the app does not ship`,
        ),
      );
    }

    let bytes = wasmBytes.get(url);
    if (bytes === undefined) {
      bytes = fetchBytes(url);
      wasmBytes.set(url, bytes);
      // A failed fetch is tried again by the next document.
      bytes.catch(() => wasmBytes.delete(url));
    }
    return bytes;
  }
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url} failed with status ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

let spareWorker: PDFWorker | null = null;

/** Starts the worker the next scan will use, unless one is ready. */
export function prepareWorker(): void {
  spareWorker ??= new PDFWorker();
}

function takeWorker(): PDFWorker {
  const worker = spareWorker ?? new PDFWorker();
  spareWorker = null;
  // The next worker loads while this scan opens, off the main thread.
  setTimeout(prepareWorker, 0);
  return worker;
}

/**
 * Opens a scan from its bytes and reads the size and `/Rotate` of every
 * page. Rejects with `EmptyScanError` for an empty file, with pdf.js's
 * `PasswordException` or `InvalidPDFException`, or with `ScanTimeoutError`
 * after `timeoutMs`, having stopped the worker.
 */
export async function openScan(
  bytes: ArrayBuffer,
  timeoutMs: number,
): Promise<OpenedScan> {
  if (bytes.byteLength === 0) {
    throw new EmptyScanError();
  }

  const worker = takeWorker();
  const task = getDocument({
    data: new Uint8Array(bytes),
    worker,
    // Font programs never run as code (CVE-2024-4367 in older pdf.js).
    isEvalSupported: false,
    // Scans carry their pages as images: no fonts or character maps to fetch.
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    BinaryDataFactory: AppBinaryDataFactory,
    // The browser's own JPEG decoder, in the worker, decodes a 300 dpi scan
    // page about twice as fast as pdf.js's (measured with bench:viewer).
    // pdf.js 5.6 leaves it off in Chromium because of Chromium bugs that
    // are now fixed. Pull request 20961 of mozilla/pdf.js turns it on there
    // by default for later releases.
    isImageDecoderSupported: true,
  });
  let stopped = false;
  const stop = () => {
    if (!stopped) {
      stopped = true;
      void task.destroy().finally(() => worker.destroy());
    }
  };

  const opening = task.promise.then(async (document) => ({
    document,
    pages: await readGeometry(document),
  }));
  try {
    const { document, pages } = await withTimeout(
      opening,
      'Opening the scan',
      timeoutMs,
      stop,
    );
    return {
      document,
      pages,
      close: async () => {
        await document.destroy();
        worker.destroy();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

async function readGeometry(
  document: PDFDocumentProxy,
): Promise<PageGeometry[]> {
  const numbers = Array.from({ length: document.numPages }, (_, i) => i + 1);
  return Promise.all(
    numbers.map(async (number) => {
      const page = await document.getPage(number);
      const unrotated = page.getViewport({ scale: 1, rotation: 0 });
      return {
        width: unrotated.width,
        height: unrotated.height,
        rotate: toRotation(page.rotate),
      };
    }),
  );
}
