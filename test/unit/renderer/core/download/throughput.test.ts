import { describe, expect, it } from 'vitest';

import {
  ThroughputMeter,
  estimateSecondsLeft,
} from '../../../../../renderer/core/download/throughput';

describe('ThroughputMeter', () => {
  it('unknown before the minimum span', () => {
    const meter = new ThroughputMeter({ windowMs: 10_000, minSpanMs: 1000 });
    meter.record(0, 0);
    meter.record(5000, 500);

    expect(meter.bytesPerSecond(900)).toBeNull();
  });

  it('averages over the samples', () => {
    const meter = new ThroughputMeter({ windowMs: 10_000, minSpanMs: 1000 });
    meter.record(0, 0);
    meter.record(1000, 1000);
    meter.record(3000, 2000);

    expect(meter.bytesPerSecond(2000)).toBe(2000);
  });

  it('forgets samples older than the window', () => {
    const meter = new ThroughputMeter({ windowMs: 2000, minSpanMs: 1000 });
    meter.record(0, 0);
    meter.record(100_000, 1000);
    meter.record(1000, 4000);
    meter.record(1000, 5000);

    // The window [3000, 5000] reaches back to the last sample before it, at
    // 1000 ms, so the burst counted at 1000 ms is left out: 2000 bytes in 4 s.
    expect(meter.bytesPerSecond(5000)).toBe(500);
  });

  it('falls while nothing arrives', () => {
    const meter = new ThroughputMeter({ windowMs: 4000, minSpanMs: 1000 });
    meter.record(0, 0);
    meter.record(4000, 2000);

    expect(meter.bytesPerSecond(2000)).toBe(2000);
    expect(meter.bytesPerSecond(4000)).toBe(1000);
  });
});

describe('estimateSecondsLeft', () => {
  it('divides remaining bytes by rate', () => {
    expect(estimateSecondsLeft(10_000, 2500)).toBe(4);
  });

  it('rounds up partial seconds', () => {
    expect(estimateSecondsLeft(10_001, 2500)).toBe(5);
  });

  it('zero when nothing remains', () => {
    expect(estimateSecondsLeft(0, null)).toBe(0);
  });

  it('unknown without a rate', () => {
    expect(estimateSecondsLeft(100, null)).toBeNull();
    expect(estimateSecondsLeft(100, 0)).toBeNull();
  });
});
