/**
 * A real reference server for the tests of one file: SQLite, the fixture
 * sitting (or a sample sitting of scanned-looking copies, with `sample`),
 * and the built web client served at its `/`.
 */
import { test } from '@playwright/test';

import {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../../support/test-server';
import { CLIENT_ROOT } from './paths';

/**
 * Starts a server before the first test of the calling file and stops it
 * after the last. Call it at the top level of a test file. The returned
 * function gives the running server inside tests.
 */
export function useReferenceServer(
  options: TestServerOptions = {},
): () => TestServer {
  let server: TestServer | undefined;

  test.beforeAll(async () => {
    if (options.sample !== undefined) {
      // Generating and importing scanned-looking pages took about 8 s on a
      // 2-core machine, and a loaded one can pass the default 30 s.
      test.setTimeout(120_000);
    }
    server = await startTestServer('sqlite', {
      clientRoot: CLIENT_ROOT,
      ...options,
    });
  });
  test.afterAll(async () => {
    await server?.close();
    server = undefined;
  });

  return () => {
    if (server === undefined) {
      throw new Error(
        'The reference server is not running: call the function that useReferenceServer() returns inside a test, not at the top level',
      );
    }
    return server;
  };
}
