/**
 * Media types of the files of the renderer build, by extension, for the
 * desktop app's `app://` protocol and the server that hosts the web build.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // WebAssembly.instantiateStreaming() accepts only this exact type.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  // OCR language data (`fra.traineddata.gz`), which tesseract.js reads as
  // bytes and decompresses itself.
  '.gz': 'application/gzip',
  '.traineddata': 'application/octet-stream',
  // Character maps and standard fonts of pdf.js.
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

/** Returns the media type of `file`, or `application/octet-stream` if unknown. */
export function contentTypeOf(file: string): string {
  // Windows paths separate folders with backslashes.
  const separator = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const name = file.slice(separator + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot).toLowerCase() : '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
