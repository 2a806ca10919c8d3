/** Learning-rate schedules: plain functions of the 0-based optimizer step, evaluated by the runtime and fed as the `lr` input. */

export type Schedule = (step: number) => number;

export interface WarmupCosineOptions {
  /** Learning rate at the end of warm-up. */
  readonly peak: number;
  readonly warmupSteps: number;
  readonly totalSteps: number;
  /** Learning rate reached at totalSteps (and kept after). Default 0. */
  readonly final?: number;
}

/**
 * Linear warm-up to `peak` over `warmupSteps` (lr = peak (s + 1) / warmup), then a half cosine from
 * peak to `final` at `totalSteps`: lr = final + (peak - final) (1 + cos(pi p)) / 2, p = progress in [0, 1].
 */
export function warmupCosine(options: WarmupCosineOptions): Schedule {
  const { peak, warmupSteps, totalSteps } = options;
  const final = options.final ?? 0;
  return (step) => {
    if (step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
    const span = Math.max(1, totalSteps - warmupSteps);
    const p = Math.min(1, (step - warmupSteps) / span);
    return final + ((peak - final) * (1 + Math.cos(Math.PI * p))) / 2;
  };
}

export function constantSchedule(lr: number): Schedule {
  return () => lr;
}
