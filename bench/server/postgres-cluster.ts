/**
 * A throwaway PostgreSQL cluster for the benchmark: created in a temporary
 * folder, listening on 127.0.0.1 only, stopped and deleted by `stop()`.
 * When this process is root, the PostgreSQL programs run as the `postgres`
 * system user, because PostgreSQL refuses to run as root.
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

const execFileAsync = promisify(execFile);

const DEBIAN_BINARIES_ROOT = '/usr/lib/postgresql';
const START_TIMEOUT_SECONDS = 30;
const RUNUSER = existsSync('/usr/sbin/runuser')
  ? '/usr/sbin/runuser'
  : 'runuser';

export interface PostgresCluster {
  /** Superuser URL on 127.0.0.1. */
  url: string;
  /** Stops the server and deletes its folder; safe to call twice. */
  stop(): void;
}

interface ClusterPaths {
  binDir: string;
  root: string;
  dataDir: string;
  logFile: string;
  owner: { uid: number; gid: number } | null;
}

/** Initializes and starts a cluster, or throws saying what is missing. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binDir = findPostgresBinaries();
  if (binDir === null) {
    throw new Error(
      `No initdb and pg_ctl found on PATH or under ${DEBIAN_BINARIES_ROOT}/*/bin: install Debian's postgresql package, pass --postgres-url, or run with --databases sqlite`,
    );
  }

  const root = mkdtempSync(join(tmpdir(), 'copydesk-bench-postgres-'));
  const owner = process.getuid?.() === 0 ? lookUpPostgresUser() : null;
  if (owner) {
    chownSync(root, owner.uid, owner.gid);
  }
  const paths: ClusterPaths = {
    binDir,
    root,
    dataDir: join(root, 'data'),
    logFile: join(root, 'server.log'),
    owner,
  };

  let stopped = false;
  const stop = () => {
    if (!stopped) {
      stopped = true;
      stopCluster(paths);
    }
  };
  process.once('exit', stop);

  try {
    const port = await initializeCluster(paths);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

async function initializeCluster(paths: ClusterPaths): Promise<number> {
  await runTool(paths, 'initdb', [
    `--pgdata=${paths.dataDir}`,
    '--username=postgres',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);

  const hba = join(paths.dataDir, 'pg_hba.conf');
  writeFileSync(hba, 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
  if (paths.owner) {
    chownSync(hba, paths.owner.uid, paths.owner.gid);
  }

  // NOTE: a free port can be taken by another process before PostgreSQL
  // binds it; the start then fails with the log tail and can be rerun.
  const port = await findFreePort();
  const socketDir = paths.root.replaceAll("'", "''");
  const settings = [
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${socketDir}'`,
    // Commits return before their WAL is flushed, the same guarantee as
    // the server's SQLite setting (WAL with synchronous = NORMAL).
    'synchronous_commit = off',
  ];
  appendFileSync(
    join(paths.dataDir, 'postgresql.conf'),
    `\n${settings.join('\n')}\n`,
  );

  try {
    await runTool(paths, 'pg_ctl', [
      'start',
      `--pgdata=${paths.dataDir}`,
      `--log=${paths.logFile}`,
      `--timeout=${START_TIMEOUT_SECONDS}`,
      '--wait',
    ]);
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\nServer log tail (${paths.logFile}):\n${readLogTail(paths.logFile)}`,
      { cause: error },
    );
  }
  return port;
}

function findPostgresBinaries(): string | null {
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);

  let versionDirs: string[] = [];
  if (existsSync(DEBIAN_BINARIES_ROOT)) {
    versionDirs = readdirSync(DEBIAN_BINARIES_ROOT)
      .filter((name) => /^\d+(\.\d+)?$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => join(DEBIAN_BINARIES_ROOT, version, 'bin'));
  }

  const candidates = [...pathDirs, ...versionDirs];
  const found = candidates.find(
    (dir) =>
      isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'pg_ctl')),
  );
  return found ?? null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function lookUpPostgresUser(): { uid: number; gid: number } {
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
      'PostgreSQL does not run as root, and no "postgres" system user exists to run it as: create that user, run as another user, or pass --postgres-url',
      { cause: error },
    );
  }
}

function toolCommand(
  paths: ClusterPaths,
  tool: string,
  args: string[],
): [string, string[]] {
  const program = join(paths.binDir, tool);
  if (paths.owner) {
    return [RUNUSER, ['-u', 'postgres', '--', program, ...args]];
  }
  return [program, args];
}

async function runTool(
  paths: ClusterPaths,
  tool: string,
  args: string[],
): Promise<void> {
  const [file, fileArgs] = toolCommand(paths, tool, args);
  try {
    await execFileAsync(file, fileArgs, { cwd: paths.root });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(
      `Running ${tool} for the benchmark's PostgreSQL cluster in ${paths.root} failed: ${stderr || (error as Error).message}`,
      { cause: error },
    );
  }
}

/** Synchronous, so that it also runs from a process `exit` handler. */
function stopCluster(paths: ClusterPaths): void {
  if (existsSync(join(paths.dataDir, 'postmaster.pid'))) {
    const [file, args] = toolCommand(paths, 'pg_ctl', [
      'stop',
      `--pgdata=${paths.dataDir}`,
      '--mode=fast',
      '--wait',
    ]);
    try {
      execFileSync(file, args, { cwd: paths.root, stdio: 'pipe' });
    } catch (error) {
      console.error(
        `Stopping the benchmark's PostgreSQL server in ${paths.dataDir} failed: ${(error as Error).message}`,
      );
    }
  }
  rmSync(paths.root, { recursive: true, force: true });
}

function readLogTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
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
