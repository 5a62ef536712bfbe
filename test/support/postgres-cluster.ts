/**
 * A throwaway PostgreSQL cluster for the integration tests and the server
 * benchmark: created in a temporary folder with the newest PostgreSQL
 * binaries found, listening on 127.0.0.1 only, and stopped and deleted by
 * `stop()` or, failing that, when this process exits.
 *
 * When this process is root, the PostgreSQL programs run as the `postgres`
 * system user through runuser, because PostgreSQL refuses to run as root.
 */
import { execFile, execFileSync } from 'node:child_process';
import {
  accessSync,
  appendFileSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';

import { redactUrl } from '../../server/db/database';

const execFileAsync = promisify(execFile);

/** Folder under which Debian's postgresql packages install one `<version>/bin` each. */
export const DEBIAN_BINARIES_ROOT = '/usr/lib/postgresql';
const START_TIMEOUT_SECONDS = 30;
const CONNECT_TIMEOUT_MS = 10_000;
const START_ATTEMPTS = 3;

// util-linux installs runuser in /usr/sbin, which a user's PATH may lack.
const RUNUSER = existsSync('/usr/sbin/runuser')
  ? '/usr/sbin/runuser'
  : 'runuser';

export interface ThrowawayClusterOptions {
  /** Folder containing initdb and pg_ctl, as found by `findPostgresBinaries()`. */
  binDir: string;
  /** Start of the temporary folder's name, such as "copydesk-postgres-". */
  folderPrefix: string;
  /** Name of the cluster in error messages, such as "PostgreSQL test cluster". */
  description: string;
  /**
   * What the user can do in place of a throwaway cluster, such as "set
   * COPYDESK_TEST_POSTGRES_URL". It ends the error raised when this process
   * is root and no `postgres` user exists.
   */
  alternative: string;
  /**
   * postgresql.conf lines appended after listen_addresses, port and
   * unix_socket_directories, such as "fsync = off".
   */
  settings: string[];
}

export interface ThrowawayCluster {
  /** Superuser URL on 127.0.0.1, without a password. */
  adminUrl: string;
  /**
   * Stops the server and deletes its folder. It is synchronous, does nothing
   * when called again, and also runs from a process `exit` handler.
   */
  stop(): void;
}

/** A throwaway cluster and the system user its processes run as. */
interface Cluster {
  binDir: string;
  root: string;
  dataDir: string;
  logFile: string;
  description: string;
  /** The `postgres` user when this process is root, which PostgreSQL rejects. */
  owner: { uid: number; gid: number } | null;
}

/**
 * Creates and starts a cluster, and waits until it accepts a connection.
 * On failure it deletes the cluster and raises an error with the server
 * log's tail.
 */
export async function startThrowawayCluster(
  options: ThrowawayClusterOptions,
): Promise<ThrowawayCluster> {
  const cluster = createCluster(options);

  let stopped = false;
  const stop = () => {
    if (stopped) {
      return;
    }
    stopped = true;
    process.off('exit', stop);
    stopClusterSync(cluster);
  };
  process.once('exit', stop);

  try {
    const adminUrl = await startCluster(cluster, options.settings);
    return { adminUrl, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/**
 * Returns the first folder containing both initdb and pg_ctl, searching
 * PATH and then the Debian folders from the newest version down, or null.
 */
export function findPostgresBinaries(): string | null {
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);

  let versionDirs: string[] = [];
  if (existsSync(DEBIAN_BINARIES_ROOT)) {
    versionDirs = readdirSync(DEBIAN_BINARIES_ROOT)
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => join(DEBIAN_BINARIES_ROOT, version, 'bin'));
  }

  const candidates = [...pathDirs, ...versionDirs];
  return (
    candidates.find(
      (dir) =>
        isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'pg_ctl')),
    ) ?? null
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function createCluster(options: ThrowawayClusterOptions): Cluster {
  const owner =
    process.getuid?.() === 0 ? lookUpPostgresUser(options.alternative) : null;
  const root = mkdtempSync(join(tmpdir(), options.folderPrefix));
  if (owner) {
    chownSync(root, owner.uid, owner.gid);
  }

  return {
    binDir: options.binDir,
    root,
    dataDir: join(root, 'data'),
    logFile: join(root, 'server.log'),
    description: options.description,
    owner,
  };
}

function lookUpPostgresUser(alternative: string): {
  uid: number;
  gid: number;
} {
  try {
    const uid = Number(
      execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }),
    );
    const gid = Number(
      execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }),
    );
    return { uid, gid };
  } catch (error) {
    throw new Error(
      `PostgreSQL does not run as root, and no "postgres" system user exists to run it as: create that user, run as another user, or ${alternative}`,
      { cause: error },
    );
  }
}

/** Initializes and starts the cluster, and returns its superuser URL. */
async function startCluster(
  cluster: Cluster,
  settings: string[],
): Promise<string> {
  await runTool(cluster, 'initdb', [
    `--pgdata=${cluster.dataDir}`,
    '--username=postgres',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);

  // Trust only connections from this machine: the Unix socket in the
  // temporary folder and TCP on 127.0.0.1, the only address it listens on.
  writeClusterFile(
    cluster,
    'pg_hba.conf',
    'local all all trust\nhost all all 127.0.0.1/32 trust\n',
  );

  for (let attempt = 1; ; attempt += 1) {
    const port = await findFreePort();
    configureServer(cluster, port, settings);

    try {
      await runTool(cluster, 'pg_ctl', [
        'start',
        `--pgdata=${cluster.dataDir}`,
        `--log=${cluster.logFile}`,
        `--timeout=${START_TIMEOUT_SECONDS}`,
        '--wait',
      ]);
    } catch (error) {
      // Another process can take the free port before the server binds it.
      if (
        attempt < START_ATTEMPTS &&
        readLogTail(cluster).includes('Address already in use')
      ) {
        continue;
      }
      throw new Error(
        `The ${cluster.description} failed to start on 127.0.0.1:${port}: ${errorMessage(error)}\nServer log tail (${cluster.logFile}):\n${readLogTail(cluster)}`,
        { cause: error },
      );
    }

    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await waitForConnection(
      url,
      () => `Server log tail (${cluster.logFile}):\n${readLogTail(cluster)}`,
    );
    return url;
  }
}

/**
 * Appends the server settings to postgresql.conf, where a later line
 * overrides an earlier one, so a retry with a new port only appends again.
 */
function configureServer(
  cluster: Cluster,
  port: number,
  extraSettings: string[],
): void {
  const socketDir = cluster.root.replaceAll("'", "''");
  const settings = [
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${socketDir}'`,
    ...extraSettings,
  ];
  appendFileSync(
    join(cluster.dataDir, 'postgresql.conf'),
    `\n${settings.join('\n')}\n`,
  );
}

function writeClusterFile(
  cluster: Cluster,
  name: string,
  content: string,
): void {
  const path = join(cluster.dataDir, name);
  writeFileSync(path, content, { mode: 0o600 });
  if (cluster.owner) {
    chownSync(path, cluster.owner.uid, cluster.owner.gid);
  }
}

/** Runs a PostgreSQL program, as the `postgres` user when this process is root. */
async function runTool(
  cluster: Cluster,
  tool: string,
  args: string[],
): Promise<void> {
  const [file, fileArgs] = toolCommand(cluster, tool, args);
  try {
    await execFileAsync(file, fileArgs, { cwd: cluster.root });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(
      `Running ${tool} for the ${cluster.description} in ${cluster.root} failed: ${stderr || errorMessage(error)}`,
      { cause: error },
    );
  }
}

function toolCommand(
  cluster: Cluster,
  tool: string,
  args: string[],
): [string, string[]] {
  const program = join(cluster.binDir, tool);
  if (cluster.owner) {
    return [RUNUSER, ['-u', 'postgres', '--', program, ...args]];
  }
  return [program, args];
}

/**
 * Stops the server if it runs and deletes the cluster's folder. It is
 * synchronous so that it can also run in a process `exit` handler.
 */
function stopClusterSync(cluster: Cluster): void {
  if (existsSync(join(cluster.dataDir, 'postmaster.pid'))) {
    const [file, args] = toolCommand(cluster, 'pg_ctl', [
      'stop',
      `--pgdata=${cluster.dataDir}`,
      '--mode=fast',
      '--wait',
    ]);
    try {
      execFileSync(file, args, { cwd: cluster.root, stdio: 'pipe' });
    } catch (error) {
      console.error(
        `Stopping the ${cluster.description} in ${cluster.dataDir} failed: ${errorMessage(error)}`,
      );
    }
  }

  rmSync(cluster.root, { recursive: true, force: true });
}

function readLogTail(cluster: Cluster): string {
  try {
    return readFileSync(cluster.logFile, 'utf8')
      .split('\n')
      .slice(-20)
      .join('\n');
  } catch {
    return '(no server log was written)';
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Retries connecting until the server returns a query result, and on timeout raises
 * an error that ends with `hint()`.
 */
export async function waitForConnection(
  url: string,
  hint: () => string,
): Promise<void> {
  const deadline = Date.now() + CONNECT_TIMEOUT_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      if (Date.now() >= deadline) {
        throw new Error(
          `PostgreSQL at ${redactUrl(url)} did not accept a connection within ${CONNECT_TIMEOUT_MS / 1000} s: ${errorMessage(error)}\n${hint()}`,
          { cause: error },
        );
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
