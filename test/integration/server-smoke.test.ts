import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testDialects } from '../support/test-database';
import {
  signIn,
  startTestServer,
  type TestServer,
} from '../support/test-server';

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`test server on ${dialect}`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(dialect);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('lists the imported batch of a grader', async () => {
      const { client } = await signIn(server, 'amartin');
      const response = await client.request<{
        batches: { copyCount: number }[];
      }>('GET', '/api/v1/assignments');

      expect(response.status).toBe(200);
      expect(response.body.batches).toHaveLength(1);
      expect(response.body.batches[0]?.copyCount).toBe(3);
    });
  });
}
