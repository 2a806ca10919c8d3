/** Timing helpers: medians of repeated runs, after warm-up. */

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Runs `fn` `warmup` times, then `runs` batches of `iterations` calls; returns the median per-call
 * time in milliseconds and all batch means.
 */
export async function timeIt(fn: () => Promise<unknown>, options: { warmup?: number; runs?: number; iterations?: number } = {}): Promise<{ ms: number; samples: number[] }> {
  for (let i = 0; i < (options.warmup ?? 5); i++) await fn();
  const samples: number[] = [];
  for (let r = 0; r < (options.runs ?? 7); r++) {
    const n = options.iterations ?? 10;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    samples.push((performance.now() - t0) / n);
  }
  return { ms: median(samples), samples };
}
