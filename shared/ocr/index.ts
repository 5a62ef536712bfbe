/**
 * Local OCR and the page-integrity checks built on it, for the renderer and
 * the Node command alike. Node code finds the engine files with
 * `nodeOcrPaths` from `./ocr-node-paths`, which the renderer must not
 * import.
 */
export * from './ocr-types';
export * from './ocr-logger';
export * from './page-rotation';
export * from './ocr-image';
export * from './ocr-pool';
export { readingText } from './tesseract-reading';
export * from './header-layout';
export * from './header-fields';
export * from './page-ink';
export * from './copy-findings';
export * from './page-inspection';
