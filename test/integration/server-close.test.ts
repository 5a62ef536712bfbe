import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { Writable } from 'node:stream';

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

import { buildApp } from '../../server/app';
import { readConfig } from '../../server/config';
import { FileScanStorage } from '../../server/storage/file-storage';
import { createTestDatabase } from '../support/test-database';

describe('server close', () => {
  it('waits for a handler whose client left', async () => {
    const database = await createTestDatabase('sqlite');
    const scans = await mkdtemp(join(tmpdir(), 'copydesk-close-'));
    const app = await buildApp(
      {
        db: database.handle.db,
        dialect: 'sqlite',
        storage: new FileScanStorage(scans),
        config: readConfig({ DATABASE_URL: database.url }),
      },
      {
        logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
      },
    );

    let outcome = 'not finished';
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    app.get('/slow', async () => {
      started();
      await sleep(300);
      try {
        await sql`select 1`.execute(database.handle.db);
        outcome = 'query ran';
      } catch (error) {
        outcome = `query failed: ${(error as Error).message}`;
      }
      return { outcome };
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });

    const controller = new AbortController();
    const request = fetch(`${url}/slow`, { signal: controller.signal }).catch(
      () => 'aborted',
    );
    await handlerStarted;
    controller.abort();
    expect(await request).toBe('aborted');

    await app.close();
    await database.cleanup();
    await rm(scans, { recursive: true, force: true });

    expect(outcome).toBe('query ran');
  });
});
