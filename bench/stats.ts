/** Order statistics for the benchmark table. */

/** The q-quantile by the nearest-rank method (q = 0.5: median, 0.95: 95th percentile). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

export const median = (values: number[]): number => quantile(values, 0.5);
