/**
 * Vitest global setup of the integration tests. It provides the superuser
 * URL of a PostgreSQL server to the tests, or null and the reason the
 * PostgreSQL suites skip.
 *
 * The server is COPYDESK_TEST_POSTGRES_URL when that is set. Otherwise the
 * setup creates a throwaway cluster in a temporary folder with the newest
 * PostgreSQL binaries it finds, and stops and deletes it in teardown.
 */
import type { TestProject } from 'vitest/node';

import {
  DEBIAN_BINARIES_ROOT,
  findPostgresBinaries,
  startThrowawayCluster,
  waitForConnection,
} from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test server, or null when PostgreSQL tests skip. */
    postgresAdminUrl: string | null;
    /** Reason the PostgreSQL suites skip, or an empty string when they run. */
    postgresSkipReason: string;
  }
}

export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const externalUrl = process.env.COPYDESK_TEST_POSTGRES_URL;
  if (externalUrl) {
    await waitForConnection(
      externalUrl,
      () =>
        'Start that server, fix COPYDESK_TEST_POSTGRES_URL, or unset it to test against a throwaway cluster.',
    );
    project.provide('postgresAdminUrl', externalUrl);
    project.provide('postgresSkipReason', '');
    return undefined;
  }

  const binDir = findPostgresBinaries();
  if (binDir === null) {
    const reason = `PostgreSQL tests skipped: no initdb and pg_ctl found on PATH or under ${DEBIAN_BINARIES_ROOT}/*/bin; install Debian's postgresql package or set COPYDESK_TEST_POSTGRES_URL`;
    // In CI a skipped database is a failure: the suite must prove both.
    if (
      process.env.CI === 'true' ||
      process.env.COPYDESK_REQUIRE_POSTGRES === '1'
    ) {
      throw new Error(
        `${reason} (required because CI or COPYDESK_REQUIRE_POSTGRES is set)`,
      );
    }
    console.warn(reason);
    project.provide('postgresAdminUrl', null);
    project.provide('postgresSkipReason', reason);
    return undefined;
  }

  const cluster = await startThrowawayCluster({
    binDir,
    folderPrefix: 'copydesk-postgres-',
    description: 'PostgreSQL test cluster',
    alternative: 'set COPYDESK_TEST_POSTGRES_URL',
    settings: [
      // Durability does not matter for a cluster deleted after the run.
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      // Test files run in parallel and each may hold a pool of connections.
      'max_connections = 200',
    ],
  });
  project.provide('postgresAdminUrl', cluster.adminUrl);
  project.provide('postgresSkipReason', '');

  return async () => {
    cluster.stop();
  };
}
