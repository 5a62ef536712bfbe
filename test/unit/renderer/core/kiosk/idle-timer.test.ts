import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { IdleTimer } from '../../../../../renderer/core/kiosk/idle-timer';

const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

function createTimer(timeoutMs = 5 * MINUTE) {
  const onIdle = vi.fn();
  const timer = new IdleTimer({ timeoutMs, onIdle, now: () => Date.now() });
  return { timer, onIdle };
}

describe('IdleTimer', () => {
  it('fires after the timeout', () => {
    const { timer, onIdle } = createTimer();
    timer.start();

    vi.advanceTimersByTime(5 * MINUTE - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);

    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(timer.isRunning()).toBe(false);
  });

  it('restarts on activity', () => {
    const { timer, onIdle } = createTimer();
    timer.start();

    vi.advanceTimersByTime(4 * MINUTE);
    timer.activity();
    vi.advanceTimersByTime(4 * MINUTE);

    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('fires once until restarted', () => {
    const { timer, onIdle } = createTimer();
    timer.start();

    vi.advanceTimersByTime(5 * MINUTE);
    timer.activity();
    vi.advanceTimersByTime(20 * MINUTE);

    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('does not fire when stopped', () => {
    const { timer, onIdle } = createTimer();
    timer.start();

    timer.stop();
    vi.advanceTimersByTime(10 * MINUTE);

    expect(onIdle).not.toHaveBeenCalled();
  });

  it('rejects a timeout of zero', () => {
    expect(() => createTimer(0)).toThrow(
      'invalid idle timeout 0 ms: it must be a positive number',
    );
  });
});
