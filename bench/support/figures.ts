/** Figures the benchmarks print (a folder of its own, so bench/run.ts does not run it). */

/** The value at fraction `p` (0.5 = median) of `values`; 0 when there are none. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
