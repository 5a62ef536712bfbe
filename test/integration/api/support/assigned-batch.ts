/**
 * Looks up what a signed-in grader is assigned, through the API.
 */
import { expect } from 'vitest';

import type { BatchDetail } from '../../../../shared/api/schemas';
import type { ApiClient } from '../../../support/test-server';

/** Returns the batch detail of the caller's only batch. */
export async function loadOwnBatch(client: ApiClient): Promise<BatchDetail> {
  const assignments = await client.request<{ batches: { id: string }[] }>(
    'GET',
    '/api/v1/assignments',
  );
  expect(assignments.status).toBe(200);
  expect(assignments.body.batches).toHaveLength(1);

  const batchId = assignments.body.batches[0]!.id;
  const detail = await client.request<BatchDetail>(
    'GET',
    `/api/v1/batches/${batchId}`,
  );
  expect(detail.status).toBe(200);
  return detail.body;
}
