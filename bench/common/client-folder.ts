/**
 * The folder a benchmark's server serves at `/`: a copy of the built web
 * app with the benchmark's own pages built next to it, so they run with
 * the app's origin and Content-Security-Policy.
 */
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';

import { build } from 'vite';

/**
 * Copies the built app in `appFolder` into `target`. Raises an error
 * naming the build command when the app is not built.
 */
export async function copyBuiltApp(
  appFolder: string,
  target: string,
): Promise<void> {
  if (!existsSync(join(appFolder, 'index.html'))) {
    throw new Error(
      `${appFolder} has no index.html: build the web app with \`npm run build\` first`,
    );
  }
  await cp(appFolder, target, { recursive: true });
}

/** Builds the page whose `index.html` is in `source` into `outDir`. */
export async function buildBenchPage(
  source: string,
  outDir: string,
): Promise<void> {
  await build({
    root: source,
    base: './',
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      // The Content-Security-Policy of the served pages allows no data: URLs.
      assetsInlineLimit: 0,
      minify: true,
    },
  });
}
