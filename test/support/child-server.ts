/**
 * The reference server run as a child process, so a test can kill it with
 * SIGKILL mid-request and start it again over the same database and scans.
 * The fixture sitting is imported first through the real importer, into a
 * database of the chosen dialect that the test also reads directly.
 *
 *     const server = await ChildServer.start('sqlite');
 *     await server.kill(); // SIGKILL, as a crash or an OOM kill would
 *     await server.restart(); // same database, new port: see `url`
 *
 * Every child is killed when the test process exits, so none outlives a
 * failed or interrupted run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import type { DatabaseHandle, Dialect } from '../../server/db/database';
import {
  importSitting,
  type ImportSummary,
} from '../../server/import/import-sitting';
import { FileScanStorage } from '../../server/storage/file-storage';
import { writeFixtureSitting, type FixtureOptions } from './fixture-sitting';
import { createTestDatabase, type TestDatabase } from './test-database';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Maximum wait for the server to log its address, milliseconds. */
const START_TIMEOUT_MS = 30_000;

const LISTENING = /^Server listening at (http:\/\/\S+)$/;

/** One JSON log line of the server, as pino writes it. */
export interface ServerLogLine {
  msg?: string;
  [field: string]: unknown;
}

export class ChildServer {
  /** Every log line of every run of the server, in order. */
  readonly logs: ServerLogLine[] = [];
  /** Lines on stderr and stdout lines that are not JSON. */
  readonly output: string[] = [];
  /** Address of the running server, which changes at each start. */
  url = '';
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly killOnExit = () => this.child?.kill('SIGKILL');

  private constructor(
    private readonly database: TestDatabase,
    private readonly scanFolder: string,
    readonly sitting: ImportSummary,
  ) {}

  /** Imports the fixture sitting into a new database and starts the server. */
  static async start(
    dialect: Dialect,
    options: FixtureOptions = {},
  ): Promise<ChildServer> {
    const database = await createTestDatabase(dialect);
    const scanFolder = await mkdtemp(join(tmpdir(), 'copydesk-child-scans-'));
    const sittingFolder = await writeFixtureSitting(options);
    let server: ChildServer;
    try {
      const sitting = await importSitting(sittingFolder, {
        db: database.handle,
        storage: new FileScanStorage(scanFolder),
      });
      server = new ChildServer(database, scanFolder, sitting);
    } catch (error) {
      await database.cleanup();
      await rm(scanFolder, { recursive: true, force: true });
      throw error;
    } finally {
      await rm(sittingFolder, { recursive: true, force: true });
    }

    try {
      await server.restart();
    } catch (error) {
      await server.close();
      throw error;
    }
    return server;
  }

  /** The test's own connection to the server's database. */
  get handle(): DatabaseHandle {
    return this.database.handle;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /**
   * Starts the server over the same database and scans, on a new free
   * port, and resolves once it listens. Raises when it is running already.
   */
  async restart(): Promise<void> {
    if (this.child !== null) {
      throw new Error(
        `The child server is still running at ${this.url}: kill or stop it before starting it again`,
      );
    }

    // `node --import tsx` runs the server in this one process. The `tsx`
    // command would start the server as a child of its own, which a
    // SIGKILL to `tsx` leaves running.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/cli/serve.ts'],
      {
        cwd: REPOSITORY_ROOT,
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: this.database.url,
          SCAN_STORAGE: `file:${this.scanFolder}`,
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    process.once('exit', this.killOnExit);
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        if (this.child === child) {
          this.child = null;
        }
        process.off('exit', this.killOnExit);
        resolve();
      });
    });

    createInterface({ input: child.stderr! }).on('line', (line) =>
      this.output.push(line),
    );
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `The child server did not listen within ${START_TIMEOUT_MS} ms; its output: ${this.output.join('\n')}`,
          ),
        );
      }, START_TIMEOUT_MS);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `The child server exited with ${signal ?? code} before it listened; its output: ${this.output.join('\n')}`,
          ),
        );
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const entry = this.record(line);
        const address = LISTENING.exec(entry?.msg ?? '')?.[1];
        if (address !== undefined) {
          clearTimeout(timer);
          resolve(address);
        }
      });
    }).catch(async (error: unknown) => {
      child.kill('SIGKILL');
      await this.exited;
      throw error;
    });
  }

  /** Kills the server with SIGKILL and waits until it is gone. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Log lines whose message is `message`, over every run. */
  logsWithMessage(message: string): ServerLogLine[] {
    return this.logs.filter((line) => line.msg === message);
  }

  /** Kills the server if it runs, and deletes its database and scans. */
  async close(): Promise<void> {
    await this.kill();
    await this.database.cleanup();
    await rm(this.scanFolder, { recursive: true, force: true });
  }

  private record(line: string): ServerLogLine | null {
    try {
      const entry = JSON.parse(line) as ServerLogLine;
      this.logs.push(entry);
      return entry;
    } catch {
      this.output.push(line);
      return null;
    }
  }
}
