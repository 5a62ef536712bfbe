import { setTimeout as delay } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PASSWORDS } from '../../support/fixture-sitting';
import { testDialects } from '../../support/test-database';
import {
  ApiClient,
  signIn,
  startTestServer,
  type TestServer,
} from '../../support/test-server';
import { loadOwnBatch } from './support/assigned-batch';
import { draftGrade, putGrade } from './support/grade-requests';

interface LogLine {
  reqId?: string;
  graderId?: string;
  msg?: string;
  req?: unknown;
  res?: unknown;
}

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`server logs on ${dialect}`, () => {
    let server: TestServer;
    const secrets: string[] = [...Object.values(PASSWORDS)];
    let amartinId: string;
    let echoedRequestId: string | null;

    beforeAll(async () => {
      server = await startTestServer(dialect);
      const anonymous = new ApiClient(server.url);

      // A run of what a client does: sign-ins, a failed one, refreshes,
      // grade writes and a sign-out.
      await anonymous.request('POST', '/api/v1/auth/login', {
        body: {
          username: 'amartin',
          password: 'wrong password here',
          deviceName: 'laptop',
        },
      });
      const amartin = await signIn(server, 'amartin');
      const bdupont = await signIn(server, 'bdupont');
      amartinId = amartin.graderId;
      secrets.push(amartin.accessToken, amartin.refreshToken);
      secrets.push(bdupont.accessToken, bdupont.refreshToken);

      const refreshed = await anonymous.request<{
        accessToken: string;
        refreshToken: string;
      }>('POST', '/api/v1/auth/refresh', {
        body: { refreshToken: amartin.refreshToken },
      });
      expect(refreshed.status).toBe(200);
      secrets.push(refreshed.body.accessToken, refreshed.body.refreshToken);
      amartin.client.accessToken = refreshed.body.accessToken;

      const detail = await loadOwnBatch(amartin.client);
      for (const copy of detail.copies) {
        const written = await putGrade(amartin.client, copy.id, draftGrade(), {
          first: true,
        });
        expect(written.status).toBe(201);
      }
      const me = await amartin.client.request('GET', '/api/v1/me', {
        headers: { 'x-request-id': 'client-chosen-id-1' },
      });
      echoedRequestId = me.headers.get('x-request-id');
      // A token put in the query string by mistake must not reach the log
      // nor the problem body.
      const tokenInQuery = await anonymous.request<{ instance?: string }>(
        'GET',
        `/api/v1/me?access_token=${bdupont.accessToken}`,
      );
      expect(tokenInQuery.status).toBe(401);
      expect(tokenInQuery.body.instance).toBe('/api/v1/me');
      await bdupont.client.request('POST', '/api/v1/auth/logout');

      // The response can reach the client before its log line is written.
      await delay(100);
    });
    afterAll(async () => {
      await server?.close();
    });

    function lines(): LogLine[] {
      return server.logs.map((line) => JSON.parse(line) as LogLine);
    }

    it('logs contain no token or password', () => {
      const text = server.logs.join('');

      expect(server.logs.length).toBeGreaterThan(10);
      for (const secret of secrets) {
        expect(text.includes(secret)).toBe(false);
      }
    });

    it('every request line has a request id', () => {
      const requestLines = lines().filter(
        (line) => line.req !== undefined || line.res !== undefined,
      );

      expect(requestLines.length).toBeGreaterThan(10);
      for (const line of requestLines) {
        expect(line.reqId).toMatch(/^\S+$/);
      }
    });

    it('client request id is logged and echoed', () => {
      const tagged = lines().filter(
        (line) => line.reqId === 'client-chosen-id-1',
      );

      expect(tagged.length).toBeGreaterThan(0);
      expect(echoedRequestId).toBe('client-chosen-id-1');
    });

    it('lines after authentication name the grader', () => {
      const written = lines().filter((line) => line.msg === 'grade written');

      expect(written).toHaveLength(3);
      for (const line of written) {
        expect(line.graderId).toBe(amartinId);
        expect(line.reqId).toMatch(/^\S+$/);
      }
    });

    it('request completed lines name the grader', () => {
      const writeIds = new Set(
        lines()
          .filter((line) => line.msg === 'grade written')
          .map((line) => line.reqId),
      );
      const completed = lines().filter(
        (line) => line.msg === 'request completed' && writeIds.has(line.reqId),
      );

      expect(completed).toHaveLength(3);
      for (const line of completed) {
        expect(line.graderId).toBe(amartinId);
      }
    });
  });
}
