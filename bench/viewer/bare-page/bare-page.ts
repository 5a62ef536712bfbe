/**
 * The bare pdf.js benchmark page: pdf.js as its own documentation shows
 * it, without the app, drawing straight into a canvas on screen. It is the
 * reference the viewer's page turns and first pages are measured beside.
 */
import {
  getDocument,
  GlobalWorkerOptions,
  type PDFDocumentProxy,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

import type { BarePageApi, CanvasSize } from './page-api';

GlobalWorkerOptions.workerSrc = workerUrl;

const canvas = document.getElementById('page') as HTMLCanvasElement;
let bytes: Uint8Array | null = null;
let openDocument: PDFDocumentProxy | null = null;

function loaded(): Uint8Array {
  if (bytes === null) {
    throw new Error('No PDF loaded: call load() first');
  }
  // pdf.js takes the array it is given, so each open gets a copy.
  return bytes.slice();
}

/** Resolves after the frame that follows the current task is painted. */
function afterPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}

async function draw(
  document: PDFDocumentProxy,
  pageNumber: number,
  size: CanvasSize,
): Promise<void> {
  const page = await document.getPage(pageNumber);
  const unscaled = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: size.width / unscaled.width });
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.style.width = `${size.width / window.devicePixelRatio}px`;
  await page.render({ canvas, viewport }).promise;
  page.cleanup();
}

const api: BarePageApi = {
  load(base64) {
    const text = atob(base64);
    bytes = new Uint8Array(text.length);
    for (let index = 0; index < text.length; index++) {
      bytes[index] = text.charCodeAt(index);
    }
    void openDocument?.destroy();
    openDocument = null;
  },

  async openFirstPage(size) {
    const started = performance.now();
    const document = await getDocument({
      data: loaded(),
      isEvalSupported: false,
    }).promise;
    await draw(document, 1, size);
    const painted = await afterPaint();
    await document.destroy();
    return painted - started;
  },

  async renderPage(pageNumber, size) {
    openDocument ??= await getDocument({
      data: loaded(),
      isEvalSupported: false,
    }).promise;
    const started = performance.now();
    await draw(openDocument, pageNumber, size);
    return (await afterPaint()) - started;
  },
};

(window as unknown as { viewerBench: BarePageApi }).viewerBench = api;
document.documentElement.dataset.benchReady = 'true';
