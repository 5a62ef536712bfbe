/**
 * The folder the viewer benchmark's server serves at `/`: a copy of the
 * built web app (`npm run build` writes it to out/renderer/) with the bare
 * pdf.js page built next to it under `bench-viewer/`, and the end-to-end
 * tests' viewer harness under `bench-harness/`.
 */
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { build } from 'vite';

import { buildViewerHarness } from '../../test/e2e/support/viewer-harness';

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
  if (!existsSync(join(appFolder, 'index.html'))) {
    throw new Error(
      `${appFolder} has no index.html: build the web app with \`npm run build\` first`,
    );
  }
  await cp(appFolder, target, { recursive: true });

  await build({
    root: PAGE_SOURCE,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: join(target, 'bench-viewer'),
      emptyOutDir: true,
      // The Content-Security-Policy of the served pages allows no data: URLs.
      assetsInlineLimit: 0,
      minify: true,
    },
  });
  await buildViewerHarness(join(target, 'bench-harness'));
}
