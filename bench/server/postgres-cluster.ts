/**
 * The benchmark's throwaway PostgreSQL cluster, which is the cluster of
 * test/support/postgres-cluster.ts with the benchmark's settings.
 */
import {
  DEBIAN_BINARIES_ROOT,
  findPostgresBinaries,
  startThrowawayCluster,
  type ThrowawayCluster,
} from '../../test/support/postgres-cluster';

export type PostgresCluster = ThrowawayCluster;

/** Initializes and starts a cluster, or throws saying what is missing. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binDir = findPostgresBinaries();
  if (binDir === null) {
    throw new Error(
      `No initdb and pg_ctl found on PATH or under ${DEBIAN_BINARIES_ROOT}/*/bin: install Debian's postgresql package, pass --postgres-url, or run with --databases sqlite`,
    );
  }

  return startThrowawayCluster({
    binDir,
    folderPrefix: 'copydesk-bench-postgres-',
    description: "benchmark's PostgreSQL cluster",
    alternative: 'pass --postgres-url',
    settings: [
      // Commits return before their WAL is flushed, the same guarantee as
      // the server's SQLite setting (WAL with synchronous = NORMAL).
      'synchronous_commit = off',
    ],
  });
}
