/** Media types of the files the renderer build contains, by extension. */
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  // WebAssembly.instantiateStreaming() requires exactly this type.
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
  // OCR language data (`fra.traineddata.gz`), read as bytes by tesseract.js.
  '.gz': 'application/gzip',
  '.traineddata': 'application/octet-stream',
  // Character maps and standard fonts of pdf.js.
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

/** Returns the media type of `file`, `application/octet-stream` if unknown. */
export function contentTypeOf(file: string): string {
  const extension = path.extname(file).toLowerCase();
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
