/**
 * A real reference server for integration tests: its own database of the
 * chosen dialect, scans in a temporary folder, the fixture sitting (or a
 * sample sitting of scanned-looking copies) imported through the real
 * importer, listening on a loopback port.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { buildApp } from '../../server/app';
import { readConfig, type ServerConfig } from '../../server/config';
import type { DatabaseHandle, Dialect } from '../../server/db/database';
import {
  importSitting,
  type ImportSummary,
} from '../../server/import/import-sitting';
import {
  writeSitting,
  type SittingOptions,
  type SittingSummary,
} from '../../server/sample';
import { FileScanStorage } from '../../server/storage/file-storage';
import type { ScanStorage } from '../../server/storage/scan-storage';
import {
  PASSWORDS,
  writeFixtureSitting,
  type FixtureOptions,
} from './fixture-sitting';
import { createTestDatabase } from './test-database';

export interface TestServer {
  url: string;
  handle: DatabaseHandle;
  storage: ScanStorage;
  config: ServerConfig;
  sitting: ImportSummary;
  /**
   * The sample sitting as the generator wrote it (copies, page counts,
   * defects, accounts and their passwords), when `sample` was given.
   */
  sample: SittingSummary | null;
  /** Folder of the file scan storage. */
  scanFolder: string;
  /** The PDF imported for each anonymous code, as written by the fixture. */
  importedPdfs: Map<string, Buffer>;
  /** Every log line the server wrote, as text. */
  logs: string[];
  close(): Promise<void>;
}

export interface TestServerOptions extends FixtureOptions {
  /** Extra environment settings, such as ACCESS_TOKEN_TTL. */
  env?: Record<string, string>;
  /**
   * Folder of a built web client to serve at `/`. Without it, none is
   * served unless `env` sets CLIENT_ROOT.
   */
  clientRoot?: string;
  /**
   * Imports a sitting written by the sample generator with these options
   * in place of the fixture sitting: copies that look scanned (one JPEG
   * per page, handwriting, skew, the first batch's page defects), as in
   * `npm run demo`. The accounts are the generator's (`amartin`, ...,
   * `chef`) with its passwords, not `PASSWORDS`. The fixture options
   * (`copiesPerBatch`, `pageRotation`, ...) are then ignored. Writing 6
   * copies of 3 pages at 150 dpi takes about 2 s on a 2-core machine.
   */
  sample?: SittingOptions;
}

export async function startTestServer(
  dialect: Dialect,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const database = await createTestDatabase(dialect);
  const scans = await mkdtemp(join(tmpdir(), 'copydesk-scans-'));
  const storage = new FileScanStorage(scans);
  const config = readConfig({
    DATABASE_URL: database.url,
    SCAN_STORAGE: `file:${scans}`,
    LOG_LEVEL: 'info',
    ...options.env,
  });

  const { folder, sample } = await writeSittingFolder(options);
  const sitting = await importSitting(folder, {
    db: database.handle,
    storage,
  });
  const importedPdfs = await readPdfs(folder);
  await rm(folder, { recursive: true, force: true });

  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp(
    {
      db: database.handle.db,
      dialect: database.handle.dialect,
      storage,
      config,
    },
    { logStream: sink, clientRoot: options.clientRoot },
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });

  return {
    url,
    handle: database.handle,
    storage,
    config,
    sitting,
    sample,
    scanFolder: scans,
    importedPdfs,
    logs,
    close: async () => {
      await app.close();
      await database.cleanup();
      await rm(scans, { recursive: true, force: true });
    },
  };
}

/** Writes the sample sitting when `options.sample` is set, else the fixture one. */
async function writeSittingFolder(
  options: TestServerOptions,
): Promise<{ folder: string; sample: SittingSummary | null }> {
  if (options.sample === undefined) {
    return { folder: await writeFixtureSitting(options), sample: null };
  }

  const folder = await mkdtemp(join(tmpdir(), 'copydesk-sample-sitting-'));
  try {
    const sample = await writeSitting(folder, options.sample);
    return { folder, sample };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

async function readPdfs(folder: string): Promise<Map<string, Buffer>> {
  const pdfs = new Map<string, Buffer>();
  for (const name of await readdir(folder)) {
    if (name.endsWith('.pdf')) {
      pdfs.set(
        name.slice(0, -'.pdf'.length),
        await readFile(join(folder, name)),
      );
    }
  }
  return pdfs;
}

export type Username = keyof typeof PASSWORDS;

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small HTTP client bound to one server, optionally signed in. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    public accessToken?: string,
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.accessToken && !('authorization' in headers)) {
      headers.authorization = `Bearer ${this.accessToken}`;
    }
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
    }

    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body:
        options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const body = (
      type.includes('json') && text !== '' ? JSON.parse(text) : text
    ) as T;
    return { status: response.status, headers: response.headers, body };
  }

  /** Sends a GET and returns the body as bytes, as for a scan download. */
  async download(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<Buffer>> {
    const sent: Record<string, string> = { ...headers };
    if (this.accessToken && !('authorization' in sent)) {
      sent.authorization = `Bearer ${this.accessToken}`;
    }

    const response = await fetch(`${this.baseUrl}${path}`, { headers: sent });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body };
  }
}

export interface SignedIn {
  client: ApiClient;
  accessToken: string;
  refreshToken: string;
  graderId: string;
}

export async function signIn(
  server: { url: string },
  username: Username,
): Promise<SignedIn> {
  const client = new ApiClient(server.url);
  const response = await client.request<{
    accessToken: string;
    refreshToken: string;
    grader: { id: string };
  }>('POST', '/api/v1/auth/login', {
    body: { username, password: PASSWORDS[username], deviceName: 'test' },
  });
  if (response.status !== 200) {
    throw new Error(
      `Sign-in of ${username} failed with ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  client.accessToken = response.body.accessToken;
  return {
    client,
    accessToken: response.body.accessToken,
    refreshToken: response.body.refreshToken,
    graderId: response.body.grader.id,
  };
}
