// Percentiles and "median of runs" for the bench.

export type Percentiles = { p50: number; p95: number; p99: number; n: number };

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarize(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), n: s.length };
}

export function median(values: number[]): number {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The median, field by field, of several runs' numbers. */
export function medianOfRuns<T extends Record<string, number>>(runs: T[]): T {
  const out: Record<string, number> = {};
  for (const key of Object.keys(runs[0] ?? {})) out[key] = median(runs.map((r) => r[key]));
  return out as T;
}

/** Times `fn` in a loop (after a few warm-up calls) until `maxIterations` or `maxMs`: each call's milliseconds. */
export function timeLoop(fn: () => unknown, { warmup = 5, maxIterations = 300, maxMs = 1000 } = {}): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  const start = performance.now();
  while (out.length < maxIterations && (out.length < 5 || performance.now() - start < maxMs)) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export const round = (v: number, digits = 1) => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : v);
