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
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const SERVICE_WORKER_ENTRY = 'service-worker';

/** Folder of `out/renderer/` with the OCR engine's files. */
const OCR_FOLDER = 'ocr';

const require = createRequire(import.meta.url);

/**
 * The OCR engine's files that the renderer loads at run time, by package
 * and path inside it. The app runs tesseract.js 7.0.0 with its LSTM engine
 * only. Its worker then loads one of the three `*-lstm.wasm.js` cores,
 * chosen by the browser's WebAssembly features (relaxed SIMD, SIMD,
 * neither). The language data are the `4.0.0_best_int` models, which
 * tesseract.js would otherwise download for the LSTM engine.
 */
const OCR_FILES: readonly { pkg: string; path: string }[] = [
  { pkg: 'tesseract.js', path: 'dist/worker.min.js' },
  { pkg: 'tesseract.js-core', path: 'tesseract-core-relaxedsimd-lstm.wasm.js' },
  { pkg: 'tesseract.js-core', path: 'tesseract-core-simd-lstm.wasm.js' },
  { pkg: 'tesseract.js-core', path: 'tesseract-core-lstm.wasm.js' },
  {
    pkg: '@tesseract.js-data/fra',
    path: '4.0.0_best_int/fra.traineddata.gz',
  },
  {
    pkg: '@tesseract.js-data/eng',
    path: '4.0.0_best_int/eng.traineddata.gz',
  },
];

/**
 * Copies the OCR engine's worker, cores and language data into
 * `out/renderer/ocr/`, so the app loads them from its own origin (the CSP
 * allows workers and WebAssembly from 'self' only) and never from a CDN.
 * They are emitted as assets, so the service worker's precache lists them
 * and OCR works offline in the web build too.
 */
function ocrFiles(): Plugin {
  return {
    name: 'copydesk-ocr-files',
    apply: 'build',
    generateBundle() {
      for (const { pkg, path } of OCR_FILES) {
        const packageFolder = dirname(require.resolve(`${pkg}/package.json`));
        const name = path.slice(path.lastIndexOf('/') + 1);
        this.emitFile({
          type: 'asset',
          fileName: `${OCR_FOLDER}/${name}`,
          source: readFileSync(resolve(packageFolder, path)),
        });
      }
    },
  };
}

/**
 * Gives the web build's service worker the list of files to keep offline:
 * every file of the bundle but itself and source maps, with a version that
 * changes whenever a file name does (names carry a content hash) or the
 * content of a file whose name has no hash, such as the OCR files.
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
      const hash = createHash('sha256').update(files.join('\n'));
      for (const file of files) {
        const output = bundle[file];
        if (output?.type === 'asset' && file.startsWith(`${OCR_FOLDER}/`)) {
          hash.update(output.source);
        }
      }
      const version = hash.digest('hex').slice(0, 16);

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
    // ocrFiles comes first so the precache manifest lists its files.
    plugins: [react(), ocrFiles(), precacheManifest()],
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
