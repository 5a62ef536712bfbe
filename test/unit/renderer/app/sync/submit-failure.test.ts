import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { explainSubmitFailure } from '../../../../../renderer/app/sync/submit-failure';
import {
  ApiError,
  NetworkError,
  SignInRequiredError,
} from '../../../../../renderer/core/api/errors';
import {
  copyRow,
  openTestStore,
  type TestStore,
} from '../../core/store/test-store';

let store: TestStore;

function apiError(status: number, detail: string): ApiError {
  return new ApiError({
    method: 'POST',
    path: '/batches/b1/submit',
    status,
    type: 'about:blank',
    title: 'Error',
    detail,
  });
}

beforeEach(async () => {
  store = openTestStore();
  await store.db.copies.bulkPut([
    copyRow('c1', { anonymousCode: 'A001' }),
    copyRow('c2', { anonymousCode: 'A002' }),
  ]);
});

afterEach(() => {
  store.db.close();
});

describe('explainSubmitFailure', () => {
  it('reads a failed connection as offline', async () => {
    const error = new NetworkError('fetch failed');

    expect(await explainSubmitFailure(store.db, 'b1', error)).toEqual({
      kind: 'offline',
    });
  });

  it('reads a timeout as offline', async () => {
    const error = new DOMException('timed out', 'TimeoutError');

    expect(await explainSubmitFailure(store.db, 'b1', error)).toEqual({
      kind: 'offline',
    });
  });

  it('asks to sign in again', async () => {
    const error = new SignInRequiredError('refresh token revoked');

    expect(await explainSubmitFailure(store.db, 'b1', error)).toEqual({
      kind: 'sign-in-required',
    });
  });

  it('names the copies of a 409', async () => {
    const detail =
      'Batch "b1" cannot be submitted: 1 copies have no final grade (A002)';

    expect(
      await explainSubmitFailure(store.db, 'b1', apiError(409, detail)),
    ).toEqual({ kind: 'missing-final', copyIds: ['c2'], detail });
  });

  it('reads a 423 as a closed batch', async () => {
    const error = apiError(423, 'Batch "b1" is closed');

    expect(await explainSubmitFailure(store.db, 'b1', error)).toEqual({
      kind: 'closed',
    });
  });

  it('keeps the message of any other error', async () => {
    const error = apiError(500, 'database unavailable');

    expect(await explainSubmitFailure(store.db, 'b1', error)).toEqual({
      kind: 'failed',
      detail: 'POST /batches/b1/submit failed with 500: database unavailable',
    });
  });
});
