/** Folders of the repository that the end-to-end tests use. */
import path from 'node:path';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../../..');

/** The web client that `npm run build` writes. */
export const CLIENT_ROOT = path.join(REPOSITORY_ROOT, 'out', 'renderer');

/** The Electron main process that `npm run build` writes. */
export const MAIN_ENTRY = path.join(REPOSITORY_ROOT, 'out', 'main', 'main.js');
