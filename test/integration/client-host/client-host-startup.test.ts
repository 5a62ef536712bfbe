import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { PROBLEM_TYPES } from '../../../shared/api/schemas';
import { startTestServer, type TestServer } from '../../support/test-server';

describe('web client folder at start', () => {
  let server: TestServer | undefined;
  let parent: string | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (parent) {
      await rm(parent, { recursive: true, force: true });
      parent = undefined;
    }
  });

  function warningsOf(logs: string[]): { level: number; msg: string }[] {
    return logs
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((line) => line.msg.includes('has no index.html'));
  }

  it('warns about a missing folder and serves nothing', async () => {
    parent = await mkdtemp(join(tmpdir(), 'copydesk-client-'));
    const missing = join(parent, 'out', 'renderer');
    server = await startTestServer('sqlite', {
      copiesPerBatch: 1,
      clientRoot: missing,
    });

    const warnings = warningsOf(server.logs);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(40);
    expect(warnings[0]!.msg).toContain(missing);
    expect(warnings[0]!.msg).toContain('npm run build');

    const response = await fetch(`${server.url}/`);
    const body = (await response.json()) as { type: string; detail: string };
    expect(response.status).toBe(404);
    expect(body.type).toBe(PROBLEM_TYPES.notFound);
    expect(body.detail).toBe('No route GET /');
  });

  it('serves nothing from a folder without index.html', async () => {
    parent = await mkdtemp(join(tmpdir(), 'copydesk-client-'));
    await writeFile(join(parent, 'app.js'), 'console.log(1);\n');
    server = await startTestServer('sqlite', {
      copiesPerBatch: 1,
      clientRoot: parent,
    });

    expect(warningsOf(server.logs)).toHaveLength(1);
    const response = await fetch(`${server.url}/app.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('console.log');
  });

  it('reads the folder from CLIENT_ROOT', async () => {
    parent = await mkdtemp(join(tmpdir(), 'copydesk-client-'));
    await writeFile(
      join(parent, 'index.html'),
      '<!doctype html><html><head></head><body>from CLIENT_ROOT</body></html>',
    );
    server = await startTestServer('sqlite', {
      copiesPerBatch: 1,
      env: { CLIENT_ROOT: parent },
    });

    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('from CLIENT_ROOT');
    expect(warningsOf(server.logs)).toHaveLength(0);
  });

  it('serves nothing at / without a folder', async () => {
    server = await startTestServer('sqlite', { copiesPerBatch: 1 });

    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(404);
    expect(warningsOf(server.logs)).toHaveLength(0);
  });
});
