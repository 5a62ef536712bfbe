/**
 * Build of the three parts of the desktop app, written to `out/`:
 *
 * - `out/main/main.js`: the main process, an ES module with every package it
 *   imports bundled in (only `electron` and Node's modules stay external).
 *   The installers then ship no `node_modules` at all, so the server's
 *   packages in `dependencies` cannot end up in `app.asar`.
 * - `out/preload/preload.cjs`: the preload script. It runs sandboxed, where
 *   only `require('electron')` works, so it is one CommonJS file with
 *   everything else bundled in.
 * - `out/renderer/`: the React app, served on `app://copydesk/` in Electron
 *   and from any web server in a browser. Relative asset paths let it run
 *   under any base path.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const SERVICE_WORKER_ENTRY = 'service-worker';

/**
 * Gives the web build's service worker the list of files to keep offline:
 * every file of the bundle but itself and source maps, with a version that
 * changes whenever a file name does (names carry a content hash).
 */
function precacheManifest(): Plugin {
  return {
    name: 'copydesk-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => !file.endsWith('.map'))
        .filter((file) => file !== `${SERVICE_WORKER_ENTRY}.js`)
        .sort();
      const version = createHash('sha256')
        .update(files.join('\n'))
        .digest('hex')
        .slice(0, 16);

      const worker = bundle[`${SERVICE_WORKER_ENTRY}.js`];
      if (worker === undefined || worker.type !== 'chunk') {
        this.error(`the build has no ${SERVICE_WORKER_ENTRY}.js chunk`);
      }
      const manifest = JSON.stringify({ version, files });
      worker.code = `self.__COPYDESK_PRECACHE__ = ${manifest};\n${worker.code}`;
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: false,
      rollupOptions: {
        input: { main: resolve(import.meta.dirname, 'main/main.ts') },
        external: ['electron'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(import.meta.dirname, 'main/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    base: './',
    plugins: [react(), precacheManifest()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      // The CSP allows no `data:` fonts or scripts: keep every asset a file.
      assetsInlineLimit: 0,
      minify: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'renderer/index.html'),
          [SERVICE_WORKER_ENTRY]: resolve(
            import.meta.dirname,
            'renderer/service-worker/service-worker.ts',
          ),
        },
        output: {
          // The service worker keeps a fixed name: its URL is its identity.
          entryFileNames: (chunk) =>
            chunk.name === SERVICE_WORKER_ENTRY
              ? '[name].js'
              : 'assets/[name]-[hash].js',
        },
      },
    },
  },
});
