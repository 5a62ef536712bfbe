import { describe, expect, it } from 'vitest';

import {
  ApiError,
  NetworkError,
  SignInRequiredError,
} from '../../../../../renderer/core/api/errors';
import {
  ChecksumMismatchError,
  IdleTimeoutError,
  UnexpectedResponseError,
} from '../../../../../renderer/core/download/download-errors';
import { classifyFailure } from '../../../../../renderer/core/download/failure-classification';
import { MESSAGES } from '../../../../../renderer/core/download/messages';
import { StorageFullError } from '../../../../../renderer/core/download/scan-store';

const RUNNING = new AbortController().signal;

function apiError(status: number, retryAfterSeconds: number | null = null) {
  return new ApiError({
    method: 'GET',
    path: '/copies/c1/scan',
    status,
    type: 'about:blank',
    title: 'Error',
    detail: 'detail',
    retryAfterSeconds,
  });
}

describe('classifyFailure', () => {
  it.each([
    [404, 'withdrawn'],
    [416, 'restart'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [400, 'fail'],
    [401, 'fail'],
    [403, 'fail'],
  ])('status %i gives %s', (status, kind) => {
    expect(classifyFailure(apiError(status), RUNNING).kind).toBe(kind);
  });

  it('honours Retry-After', () => {
    expect(classifyFailure(apiError(503, 12), RUNNING)).toEqual({
      kind: 'retry',
      retryAfterMs: 12_000,
    });
  });

  it('network errors and timeouts count as network', () => {
    expect(classifyFailure(new NetworkError('reset'), RUNNING).kind).toBe(
      'network',
    );
    expect(classifyFailure(new IdleTimeoutError('c1', 30), RUNNING).kind).toBe(
      'network',
    );
  });

  it('storage full stops the batch', () => {
    expect(classifyFailure(new StorageFullError('full'), RUNNING)).toEqual({
      kind: 'stop-batch',
      reason: MESSAGES.storageFull,
    });
  });

  it('sign-in required stops the batch', () => {
    expect(
      classifyFailure(new SignInRequiredError('expired'), RUNNING),
    ).toEqual({ kind: 'stop-batch', reason: MESSAGES.signInRequired });
  });

  it('checksum mismatch and bad range', () => {
    const mismatch = new ChecksumMismatchError('c1', 'a', 'b', 1, 1);

    expect(classifyFailure(mismatch, RUNNING).kind).toBe('mismatch');
    expect(
      classifyFailure(new UnexpectedResponseError('range'), RUNNING).kind,
    ).toBe('restart');
  });

  it('unknown error fails the copy', () => {
    expect(classifyFailure(new RangeError('bug'), RUNNING)).toEqual({
      kind: 'fail',
      reason: MESSAGES.unexpectedError,
    });
  });

  it('aborted run cancels whatever the error', () => {
    const controller = new AbortController();
    controller.abort();

    expect(classifyFailure(new NetworkError('x'), controller.signal).kind).toBe(
      'cancel',
    );
    expect(classifyFailure(apiError(404), controller.signal).kind).toBe(
      'cancel',
    );
  });
});
