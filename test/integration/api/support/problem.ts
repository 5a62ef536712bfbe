/**
 * Assertions on RFC 9457 problem responses, the shape of every API error.
 */
import { expect } from 'vitest';

import type { ApiResponse } from '../../../support/test-server';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

/**
 * Asserts that `response` is a problem of `status` and `type`, and returns
 * its body for further checks on `detail`.
 */
export function expectProblem(
  response: ApiResponse<unknown>,
  status: number,
  type: string,
): ProblemBody {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(
    /^application\/problem\+json/,
  );

  const body = response.body as ProblemBody;
  expect(body.type).toBe(type);
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe('string');
  expect(body.title).not.toBe('');
  expect(typeof body.detail).toBe('string');
  expect(body.detail).not.toBe('');
  return body;
}
