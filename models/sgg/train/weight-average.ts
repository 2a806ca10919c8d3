/**
 * An exponential moving average of the parameters (Polyak averaging, as detectors such as YOLO train):
 *   ema <- d ema + (1 - d) w,  d = min(decay, (1 + t) / (10 + t)) after update t,
 * so the average follows the weights closely at first and smooths the step-to-step noise of Adam later.
 * Evaluation, the best checkpoint and the exported model use the average. It is saved beside the
 * trainer's checkpoints (the models/nn checkpoint format), so a resumed run continues it exactly.
 */
import { readCheckpoint, writeCheckpoint } from '../../nn/runtime/index.ts';
import type { Parameter } from '../../nn/index.ts';

export class WeightAverage {
  private constructor(
    private readonly values: Map<string, Float32Array>,
    private readonly shapes: Map<string, readonly number[]>,
    private updates: number,
    readonly decay: number,
  ) {}

  /** Starts the average at the current parameter values. */
  static start(parameters: readonly Parameter[], values: ReadonlyMap<string, Float32Array | Float64Array>, decay: number): WeightAverage {
    const copy = new Map<string, Float32Array>();
    const shapes = new Map<string, readonly number[]>();
    for (const p of parameters) {
      copy.set(p.name, Float32Array.from(values.get(p.name)!));
      shapes.set(p.name, p.shape);
    }
    return new WeightAverage(copy, shapes, 0, decay);
  }

  static async load(path: string, decay: number): Promise<WeightAverage> {
    const ckpt = await readCheckpoint(path);
    const values = new Map<string, Float32Array>();
    const shapes = new Map<string, readonly number[]>();
    for (const [name, t] of ckpt.tensors) {
      values.set(name, t.data as Float32Array);
      shapes.set(name, t.dims);
    }
    return new WeightAverage(values, shapes, ckpt.step, decay);
  }

  /** Folds the weights after one more optimizer update into the average. */
  update(weights: ReadonlyMap<string, Float32Array | Float64Array>): void {
    this.updates++;
    const d = Math.min(this.decay, (1 + this.updates) / (10 + this.updates));
    const e = 1 - d;
    for (const [name, avg] of this.values) {
      const w = weights.get(name)!;
      for (let i = 0; i < avg.length; i++) avg[i] = d * avg[i]! + e * w[i]!;
    }
  }

  /** The averaged values (live: copy before changing them). */
  get current(): ReadonlyMap<string, Float32Array> {
    return this.values;
  }

  async save(path: string, model: string): Promise<void> {
    const tensors = [...this.values].map(([name, data]) => ({ name, dtype: 'float32' as const, dims: this.shapes.get(name)!, data }));
    await writeCheckpoint(path, { model: `${model}.ema`, step: this.updates, microStep: this.updates, config: { decay: this.decay }, trainer: null }, tensors);
  }
}
