/**
 * The folder the viewer benchmark's server serves at `/`: a copy of the
 * built web app (`npm run build` writes it to out/renderer/) with the bare
 * pdf.js page built next to it under `bench-viewer/`, and the end-to-end
 * tests' viewer harness under `bench-harness/`.
 */
import { join, resolve } from 'node:path';

import { buildViewerHarness } from '../../test/e2e/support/viewer-harness';
import { buildBenchPage, copyBuiltApp } from '../common/client-folder';

/** Path of the bare pdf.js page below the client folder. */
export const BARE_PAGE_PATH = 'bench-viewer/index.html';

/** Path of the viewer harness below the client folder. */
export const HARNESS_PATH = 'bench-harness/index.html';

const PAGE_SOURCE = resolve(import.meta.dirname, 'bare-page');

/**
 * Copies `appFolder` into `target` and builds the bare page into it.
 * Raises an error naming the build command when the app is not built.
 */
export async function prepareClientFolder(
  appFolder: string,
  target: string,
): Promise<void> {
  await copyBuiltApp(appFolder, target);
  await buildBenchPage(PAGE_SOURCE, join(target, 'bench-viewer'));
  await buildViewerHarness(join(target, 'bench-harness'));
}
