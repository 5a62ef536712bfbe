/**
 * The folder the benchmark's server serves at `/`: a copy of the built web
 * app (`npm run build` writes it to out/renderer/) with the engine
 * benchmark page built next to it under `bench-engine/`.
 */
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { build } from 'vite';

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
      outDir: join(target, 'bench-engine'),
      emptyOutDir: true,
      // The Content-Security-Policy of the served pages allows no data: URLs.
      assetsInlineLimit: 0,
      minify: true,
    },
  });
}
