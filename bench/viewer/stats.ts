/** Order statistics of the benchmark's timings. */

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Returns the `fraction` quantile of `sorted` by the nearest-rank method. */
function quantile(sorted: readonly number[], fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1]!;
}

/** Summarises `values`; raises an error when there are none. */
export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) {
    throw new Error(
      'No measurements to summarise: every run failed or timed out',
    );
  }
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
  };
}
