import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startServer } from '../../server/cli/serve';
import { ConfigError } from '../../server/config';

describe('startServer', () => {
  let folder: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'copydesk-start-'));
    env = {
      PORT: '0',
      DATABASE_URL: `sqlite:${join(folder, 'db.sqlite')}`,
      SCAN_STORAGE: `file:${join(folder, 'scans')}`,
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('answers health checks once started', async () => {
    const server = await startServer(env);
    const response = await fetch(`${server.url}/healthz`);
    await server.close();

    expect(response.status).toBe(200);
  });

  it('rejects a port in use with a setting error', async () => {
    const first = await startServer(env);
    const port = new URL(first.url).port;

    const second = startServer({ ...env, PORT: port });

    await expect(second).rejects.toBeInstanceOf(ConfigError);
    await expect(second).rejects.toThrow(`Port ${port}`);
    await first.close();
  });

  it('rejects an unsupported database URL', async () => {
    const start = startServer({ ...env, DATABASE_URL: 'mysql://db/x' });

    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow('DATABASE_URL "mysql://db/x"');
  });

  it('rejects an unsupported scan storage', async () => {
    const start = startServer({ ...env, SCAN_STORAGE: 'ftp://scans' });

    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow('SCAN_STORAGE "ftp://scans"');
  });
});
