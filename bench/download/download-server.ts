/**
 * The server the download benchmark runs against: the cached sitting
 * imported into a fresh SQLite database and scan folder, and the reference
 * server's app serving both the API and a web client folder on 127.0.0.1.
 * It counts the bytes it writes to its sockets, so each measured download
 * reports what crossed the loopback, and takes the results that benchmark
 * pages post to `RESULT_PATH`.
 */
import type { Socket } from 'node:net';
import { join } from 'node:path';

import { buildApp } from '../../server/app';
import { readConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { importSitting } from '../../server/import/import-sitting';
import { FileScanStorage } from '../../server/storage/file-storage';
import type { CachedSitting } from './sitting-cache';
import { signIn } from '../common/sign-in';

/**
 * Path to which a benchmark page posts its result as JSON. It is a route of
 * this benchmark only, added to the server's app next to the API.
 */
export const RESULT_PATH = '/bench-result';

export interface ServedCopy {
  id: string;
  /** Scan size, bytes. */
  size: number;
}

export interface DownloadServer {
  url: string;
  batchId: string;
  /** Copies of the batch, in anonymous-code order. */
  copies: ServedCopy[];
  importMilliseconds: number;
  /** Bytes written to every socket so far, headers included. */
  bytesSent(): number;
  /**
   * Resolves with the next body posted to `RESULT_PATH`. Rejects after
   * `timeoutMs`, or when another wait replaces this one.
   */
  waitForPageResult(timeoutMs: number): Promise<unknown>;
  /** Signs the grader in and returns a new access token. */
  signIn(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Imports `sitting` into a new database in `runFolder`, then listens on a
 * port of 127.0.0.1 that the system chooses. `clientRoot` is the folder
 * served at `/`.
 */
export async function startDownloadServer(
  sitting: CachedSitting,
  runFolder: string,
  clientRoot: string,
): Promise<DownloadServer> {
  const scanFolder = join(runFolder, 'scans');
  const config = readConfig({
    DATABASE_URL: `sqlite:${join(runFolder, 'copydesk.sqlite')}`,
    SCAN_STORAGE: `file:${scanFolder}`,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
  });
  const handle = openDatabase(config.databaseUrl);
  const storage = new FileScanStorage(scanFolder);

  let listening = false;
  try {
    await migrateToLatest(handle);
    const started = performance.now();
    await importSitting(sitting.folder, { db: handle, storage });
    const importMilliseconds = performance.now() - started;

    const rows = await handle.db
      .selectFrom('copies')
      .select(['id', 'batch_id', 'size'])
      .orderBy('anonymous_code')
      .execute();
    const batchId = rows[0]?.batch_id;
    if (batchId === undefined) {
      throw new Error(
        `The import of ${sitting.folder} stored no copy: check its sitting.json`,
      );
    }

    const app = await buildApp(
      { db: handle.db, dialect: handle.dialect, storage, config },
      { clientRoot },
    );
    const results = createResultMailbox();
    app.post(RESULT_PATH, async (request, reply) => {
      results.deliver(request.body);
      return reply.code(204).send();
    });
    const counter = countSentBytes();
    app.server.on('connection', counter.track);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    listening = true;

    return {
      url,
      batchId,
      copies: rows.map((row) => ({ id: row.id, size: Number(row.size) })),
      importMilliseconds,
      bytesSent: counter.total,
      waitForPageResult: results.wait,
      signIn: () => signIn(url, sitting),
      close: async () => {
        await app.close();
        await handle.close();
      },
    };
  } finally {
    if (!listening) {
      await handle.close();
    }
  }
}

function createResultMailbox(): {
  deliver(body: unknown): void;
  wait(timeoutMs: number): Promise<unknown>;
} {
  let pending: {
    resolve(body: unknown): void;
    reject(error: Error): void;
  } | null = null;

  return {
    deliver: (body) => {
      pending?.resolve(body);
      pending = null;
    },
    wait: (timeoutMs) => {
      pending?.reject(
        new Error('A newer wait for a page result replaced this one'),
      );
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending = null;
          reject(
            new Error(
              `No result was posted to ${RESULT_PATH} within ${timeoutMs / 1000} s: the download is slower than --timeout, or the page failed before posting its result`,
            ),
          );
        }, timeoutMs);
        pending = {
          resolve: (body) => {
            clearTimeout(timer);
            resolve(body);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
      });
    },
  };
}

/** Sums `bytesWritten` of the sockets that closed and of those still open. */
function countSentBytes(): { track(socket: Socket): void; total(): number } {
  const open = new Set<Socket>();
  let closedBytes = 0;

  return {
    track: (socket) => {
      open.add(socket);
      socket.once('close', () => {
        open.delete(socket);
        closedBytes += socket.bytesWritten;
      });
    },
    total: () => {
      let bytes = closedBytes;
      for (const socket of open) {
        bytes += socket.bytesWritten;
      }
      return bytes;
    },
  };
}
