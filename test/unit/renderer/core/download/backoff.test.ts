import { describe, expect, it } from 'vitest';

import {
  backoffDelay,
  sleep,
} from '../../../../../renderer/core/download/backoff';

const OPTIONS = { initialDelayMs: 500, maxDelayMs: 30_000 };

describe('backoffDelay', () => {
  it('doubles then caps at the maximum', () => {
    const highest = () => 0.999_999;
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map((attempt) =>
      backoffDelay(attempt, OPTIONS, highest),
    );

    expect(delays).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('jitter keeps at least half', () => {
    const lowest = () => 0;

    expect(backoffDelay(1, OPTIONS, lowest)).toBe(250);
    expect(backoffDelay(3, OPTIONS, lowest)).toBe(1000);
    expect(backoffDelay(10, OPTIONS, lowest)).toBe(15_000);
  });

  it('jitter spreads between half and all', () => {
    expect(backoffDelay(2, OPTIONS, () => 0.5)).toBe(750);
  });

  it('rejects attempt below one', () => {
    expect(() => backoffDelay(0, OPTIONS)).toThrow(/attempt 0/);
    expect(() => backoffDelay(1.5, OPTIONS)).toThrow(/attempt 1.5/);
  });
});

describe('sleep', () => {
  it('rejects with the abort reason', async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);

    controller.abort(new Error('cancelled by the test'));

    await expect(waiting).rejects.toThrow('cancelled by the test');
  });
});
