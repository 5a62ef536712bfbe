/**
 * Build of the three parts of the desktop app, written to `out/`:
 *
 * - `out/main/main.js`: the main process, an ES module. Packages in
 *   `dependencies` stay external and are loaded from `node_modules`.
 * - `out/preload/preload.cjs`: the preload script. It runs sandboxed, where
 *   only `require('electron')` works, so it is one CommonJS file with
 *   everything else bundled in.
 * - `out/renderer/`: the React app, served on `app://copydesk/` in Electron
 *   and from any web server in a browser. Relative asset paths let it run
 *   under any base path.
 */
import { resolve } from 'node:path';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { main: resolve(import.meta.dirname, 'main/main.ts') },
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
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      emptyOutDir: true,
      // The CSP allows no `data:` fonts or scripts: keep every asset a file.
      assetsInlineLimit: 0,
      minify: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'renderer/index.html') },
      },
    },
  },
});
