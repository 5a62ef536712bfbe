import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';

import { StorageFullError } from '../../../../../renderer/core/download/scan-store';
import {
  isQuotaExceeded,
  withQuotaCheck,
} from '../../../../../renderer/core/store/quota';

const quotaDomException = () =>
  new DOMException('Quota exceeded', 'QuotaExceededError');

describe('isQuotaExceeded', () => {
  it.each([
    ['a DOMException', quotaDomException()],
    [
      'a Dexie QuotaExceededError',
      new Dexie.QuotaExceededError(quotaDomException()),
    ],
    [
      'a Dexie AbortError',
      new Dexie.AbortError('aborted', quotaDomException()),
    ],
    [
      'an error cause',
      new Error('write failed', { cause: quotaDomException() }),
    ],
  ])('recognises %s', (_label, error) => {
    expect(isQuotaExceeded(error)).toBe(true);
  });

  it.each([
    ['a ConstraintError', new DOMException('exists', 'ConstraintError')],
    ['a Dexie AbortError', new Dexie.AbortError('aborted')],
    ['a string', 'QuotaExceededError'],
    ['undefined', undefined],
  ])('rejects %s', (_label, error) => {
    expect(isQuotaExceeded(error)).toBe(false);
  });

  it('stops on a cycle of causes', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;

    expect(isQuotaExceeded(error)).toBe(false);
  });
});

describe('withQuotaCheck', () => {
  it('returns the write result', async () => {
    expect(await withQuotaCheck(async () => 7, 'full')).toBe(7);
  });

  it('raises StorageFullError keeping the cause', async () => {
    const cause = quotaDomException();

    const failure = withQuotaCheck(async () => {
      throw cause;
    }, 'No room for copy c1');

    await expect(failure).rejects.toBeInstanceOf(StorageFullError);
    await expect(failure).rejects.toThrow('No room for copy c1');
    await expect(failure).rejects.toHaveProperty('cause', cause);
  });

  it('passes other errors on unchanged', async () => {
    const other = new TypeError('bad row');

    await expect(
      withQuotaCheck(async () => {
        throw other;
      }, 'full'),
    ).rejects.toBe(other);
  });
});
