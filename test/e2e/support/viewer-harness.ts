/**
 * Builds the viewer harness page (`viewer-harness/`) with Vite, as the app
 * is built, and serves it from a reference server, which sends the app's
 * Content-Security-Policy with it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { test } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

import { startTestServer, type TestServer } from '../../support/test-server';

const HARNESS_SOURCE = resolve(import.meta.dirname, 'viewer-harness');

/** Builds the harness into `outDir`, which then contains its `index.html`. */
export async function buildViewerHarness(outDir: string): Promise<void> {
  await build({
    root: HARNESS_SOURCE,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      // The Content-Security-Policy of the served pages allows no data: URLs.
      assetsInlineLimit: 0,
      minify: true,
    },
  });
}

/**
 * Builds the harness and starts a server for it before the first test of
 * the calling file, and stops both after the last. The returned function
 * gives the harness page's URL inside tests.
 */
export function useViewerHarness(): () => string {
  let folder: string | undefined;
  let server: TestServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    folder = await mkdtemp(join(tmpdir(), 'copydesk-viewer-harness-'));
    await buildViewerHarness(folder);
    server = await startTestServer('sqlite', {
      clientRoot: folder,
      copiesPerBatch: 1,
    });
  });
  test.afterAll(async () => {
    await server?.close();
    if (folder !== undefined) {
      await rm(folder, { recursive: true, force: true });
    }
  });

  return () => {
    if (server === undefined) {
      throw new Error(
        'The viewer harness is not running: call the function that useViewerHarness() returns inside a test',
      );
    }
    return `${server.url}/index.html`;
  };
}
