/**
 * A sitting imported with its own header layout: every batch of it carries
 * the layout in the API, and the OpenAPI document describes the field.
 * Requests go through Fastify's `inject`, so no port is opened.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../../server/app';
import { readConfig } from '../../../server/config';
import {
  importSitting,
  type ImportSummary,
} from '../../../server/import/import-sitting';
import { FileScanStorage } from '../../../server/storage/file-storage';
import type {
  AssignmentsResponse,
  Batch,
  BatchDetail,
} from '../../../shared/api/schemas';
import { parseHeaderLayout } from '../../../shared/ocr/header-layout';
import { CUSTOM_HEADER_LAYOUT } from '../../support/custom-header-layout';
import { PASSWORDS, writeFixtureSitting } from '../../support/fixture-sitting';
import {
  createTestDatabase,
  testDialects,
  type TestDatabase,
} from '../../support/test-database';

interface InjectedServer {
  app: FastifyInstance;
  sitting: ImportSummary;
  close(): Promise<void>;
}

/** Imports the fixture sitting with `headerLayout` and builds the app on it. */
async function startServer(
  database: TestDatabase,
  headerLayout: unknown,
): Promise<InjectedServer> {
  const scans = await mkdtemp(join(tmpdir(), 'copydesk-scans-'));
  const storage = new FileScanStorage(scans);
  const folder = await writeFixtureSitting({ copiesPerBatch: 1, headerLayout });
  const sitting = await importSitting(folder, {
    db: database.handle,
    storage,
  });
  await rm(folder, { recursive: true, force: true });

  const app = await buildApp(
    {
      db: database.handle.db,
      dialect: database.handle.dialect,
      storage,
      config: readConfig({
        DATABASE_URL: database.url,
        SCAN_STORAGE: `file:${scans}`,
        LOG_LEVEL: 'warn',
      }),
    },
    { logStream: new Writable({ write: (_chunk, _encoding, done) => done() }) },
  );
  return {
    app,
    sitting,
    close: async () => {
      await app.close();
      await rm(scans, { recursive: true, force: true });
    },
  };
}

async function signIn(app: FastifyInstance): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: {
      username: 'amartin',
      password: PASSWORDS.amartin,
      deviceName: 'test',
    },
  });
  expect(response.statusCode).toBe(200);
  return (response.json() as { accessToken: string }).accessToken;
}

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(
    `header layout API on ${dialect}`,
    () => {
      let database: TestDatabase;
      let server: InjectedServer;
      let token: string;

      const get = async <T>(url: string): Promise<T> => {
        const response = await server.app.inject({
          method: 'GET',
          url,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.statusCode, response.body).toBe(200);
        return response.json() as T;
      };

      beforeAll(async () => {
        database = await createTestDatabase(dialect);
        server = await startServer(database, CUSTOM_HEADER_LAYOUT);
        token = await signIn(server.app);
      });
      afterAll(async () => {
        await server?.close();
        await database?.cleanup();
      });

      it('assignments batch carries the layout', async () => {
        const { batches } = await get<AssignmentsResponse>(
          '/api/v1/assignments',
        );

        expect(batches).toHaveLength(1);
        expect(batches[0]?.headerLayout).toEqual(CUSTOM_HEADER_LAYOUT);
      });

      it('batch detail carries the layout', async () => {
        const batchId = server.sitting.batches.find(
          (batch) => batch.grader === 'amartin',
        )?.id;

        const { batch } = await get<BatchDetail>(`/api/v1/batches/${batchId}`);

        expect(batch.headerLayout).toEqual(CUSTOM_HEADER_LAYOUT);
        expect(parseHeaderLayout(batch.headerLayout)).toEqual(
          CUSTOM_HEADER_LAYOUT,
        );
      });

      it('submitted batch carries the layout', async () => {
        const batchId = server.sitting.batches.find(
          (batch) => batch.grader === 'amartin',
        )?.id;
        const { copies } = await get<BatchDetail>(`/api/v1/batches/${batchId}`);
        const headers = { authorization: `Bearer ${token}` };
        const grade = await server.app.inject({
          method: 'PUT',
          url: `/api/v1/copies/${copies[0]?.id}/grade`,
          headers: {
            ...headers,
            'if-none-match': '*',
            'idempotency-key': randomUUID(),
          },
          payload: {
            status: 'final',
            marks: { q1: 4, q2: 12, q3: 4 },
            comment: '',
            flags: [],
            annotations: [],
            clientUpdatedAt: new Date().toISOString(),
          },
        });
        expect(grade.statusCode, grade.body).toBe(201);

        const response = await server.app.inject({
          method: 'POST',
          url: `/api/v1/batches/${batchId}/submit`,
          headers,
        });

        expect(response.statusCode, response.body).toBe(200);
        const batch = response.json() as Batch;
        expect(batch.status).toBe('submitted');
        expect(batch.headerLayout).toEqual(CUSTOM_HEADER_LAYOUT);
      });

      it('OpenAPI Batch lists headerLayout', async () => {
        const document = await get<{
          components: {
            schemas: Record<
              string,
              { properties: Record<string, unknown>; required?: string[] }
            >;
          };
        }>('/api/v1/openapi.json');
        const batch = document.components.schemas.Batch;
        const layout = document.components.schemas.HeaderLayout;

        expect(batch?.properties.headerLayout).toEqual({
          $ref: '#/components/schemas/HeaderLayout',
        });
        expect(batch?.required).not.toContain('headerLayout');
        expect(Object.keys(layout?.properties ?? {}).sort()).toEqual(
          Object.keys(CUSTOM_HEADER_LAYOUT).sort(),
        );
      });
    },
  );

  describe.skipIf(skipReason !== null)(
    `default layout API on ${dialect}`,
    () => {
      let database: TestDatabase;
      let server: InjectedServer;
      let token: string;

      beforeAll(async () => {
        database = await createTestDatabase(dialect);
        server = await startServer(database, undefined);
        token = await signIn(server.app);
      });
      afterAll(async () => {
        await server?.close();
        await database?.cleanup();
      });

      it('batch without layout has no field', async () => {
        const response = await server.app.inject({
          method: 'GET',
          url: '/api/v1/assignments',
          headers: { authorization: `Bearer ${token}` },
        });
        const batches = (response.json() as { batches: Batch[] }).batches;

        expect(batches).toHaveLength(1);
        expect(batches[0]).not.toHaveProperty('headerLayout');
      });
    },
  );
}
