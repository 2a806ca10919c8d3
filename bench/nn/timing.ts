/** Timing helpers: medians of repeated runs after warm-up, wall clock and process CPU time. */

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Timing {
  /** Median wall-clock milliseconds per call. */
  readonly ms: number;
  /** Fastest batch's wall-clock milliseconds per call (the least disturbed by other processes). */
  readonly best: number;
  /** Median process CPU milliseconds per call (all threads; less sensitive to other processes' load). */
  readonly cpuMs: number;
  readonly samples: readonly number[];
}

/** Runs `fn` `warmup` times, then `runs` batches of `iterations` calls. */
export async function timeIt(fn: () => Promise<unknown>, options: { warmup?: number; runs?: number; iterations?: number } = {}): Promise<Timing> {
  for (let i = 0; i < (options.warmup ?? 5); i++) await fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  const n = options.iterations ?? 10;
  for (let r = 0; r < (options.runs ?? 7); r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    samples.push((performance.now() - t0) / n);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 / n);
  }
  return { ms: median(samples), best: Math.min(...samples), cpuMs: median(cpu), samples };
}
