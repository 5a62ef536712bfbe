/**
 * The folder the benchmark's server serves at `/`: a copy of the built web
 * app (`npm run build` writes it to out/renderer/) with the engine
 * benchmark page built next to it under `bench-engine/`.
 */
import { join, resolve } from 'node:path';

import { buildBenchPage, copyBuiltApp } from '../common/client-folder';

/** Path of the engine benchmark page below the client folder. */
export const ENGINE_PAGE_PATH = 'bench-engine/index.html';

const PAGE_SOURCE = resolve(import.meta.dirname, 'engine-page');

/**
 * Copies `appFolder` into `target` and builds the engine page into it.
 * Raises an error naming the build command when the app is not built.
 */
export async function prepareClientFolder(
  appFolder: string,
  target: string,
): Promise<void> {
  await copyBuiltApp(appFolder, target);
  await buildBenchPage(PAGE_SOURCE, join(target, 'bench-engine'));
}
