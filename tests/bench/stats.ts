// Small statistics helpers shared by the benchmarks.

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function mean(samples: readonly number[]): number {
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** "p50 1.23 / p90 … / max …" for notes. */
export function latencySummary(samplesMs: readonly number[]): string {
  const f = (v: number) => round(v, 3).toString();
  return [50, 90, 99, 99.9]
    .map((p) => `p${p} ${f(percentile(samplesMs, p))}`)
    .concat(`max ${f(Math.max(...samplesMs))}`, `mean ${f(mean(samplesMs))} ms`)
    .join(' / ');
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
