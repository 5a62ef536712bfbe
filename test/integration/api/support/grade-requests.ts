/**
 * Grade bodies and grade writes for the API tests.
 */
import { randomUUID } from 'node:crypto';

import type { Grade, GradeWrite } from '../../../../shared/api/schemas';
import { QUESTIONS } from '../../../support/fixture-sitting';
import type { ApiClient, ApiResponse } from '../../../support/test-server';

/** A valid draft grade of the fixture scheme, with `changes` applied. */
export function draftGrade(changes: Partial<GradeWrite> = {}): GradeWrite {
  return {
    status: 'draft',
    marks: { q1: 2.5 },
    comment: 'Bonne introduction',
    flags: [],
    annotations: [],
    clientUpdatedAt: new Date().toISOString(),
    ...changes,
  };
}

/** A valid final grade of the fixture scheme: every question marked. */
export function finalGrade(changes: Partial<GradeWrite> = {}): GradeWrite {
  const marks: Record<string, number> = {};
  for (const question of QUESTIONS) {
    marks[question.id] = question.step;
  }
  return draftGrade({ status: 'final', marks, ...changes });
}

export interface GradeWriteHeaders {
  /** Version the edit started from; sends `If-Match: "<version>"`. */
  ifMatch?: number;
  /** Whether this is the first write; sends `If-None-Match: *`. */
  first?: boolean;
  /** Defaults to a new UUID; null sends no Idempotency-Key header. */
  idempotencyKey?: string | null;
}

/** Sends `PUT /copies/{copyId}/grade` with the given preconditions. */
export function putGrade(
  client: ApiClient,
  copyId: string,
  body: unknown,
  options: GradeWriteHeaders,
): Promise<ApiResponse<Grade>> {
  const headers: Record<string, string> = {};
  if (options.ifMatch !== undefined) {
    headers['if-match'] = `"${options.ifMatch}"`;
  }
  if (options.first) {
    headers['if-none-match'] = '*';
  }
  const key =
    options.idempotencyKey === undefined
      ? randomUUID()
      : options.idempotencyKey;
  if (key !== null) {
    headers['idempotency-key'] = key;
  }

  return client.request<Grade>('PUT', `/api/v1/copies/${copyId}/grade`, {
    body,
    headers,
  });
}

/** Reads a copy's grade; the body is a Grade on 200. */
export function getGrade(
  client: ApiClient,
  copyId: string,
): Promise<ApiResponse<Grade>> {
  return client.request<Grade>('GET', `/api/v1/copies/${copyId}/grade`);
}
