/** In-graph optimizers against straightforward JavaScript references of the same formulas (float64). */
import { describe, expect, it } from 'vitest';
import { Parameter } from '../../models/nn/graph/index.ts';
import { defineModel } from '../../models/nn/model/index.ts';
import { add, mul, reduceSum, sub } from '../../models/nn/ops/index.ts';
import { adam, adamw, sgd, warmupCosine } from '../../models/nn/optim/index.ts';
import type { Optimizer } from '../../models/nn/optim/index.ts';
import { Trainer } from '../../models/nn/runtime/index.ts';

const W0 = [0.5, -1.5, 2, 0, 3];
const B0 = [1, -1];

/** loss = 0.5 |w - x|^2 + 0.5 |b - 1|^2; dL/dw = w - x, dL/db = b - 1. `b` takes no weight decay. */
function quadratic() {
  const w = new Parameter('w', [5], { dtype: 'float64', init: { kind: 'values', data: W0 }, weightDecay: true });
  const b = new Parameter('b', [2], { dtype: 'float64', init: { kind: 'values', data: B0 }, weightDecay: false });
  return defineModel({
    name: 'quadratic',
    inputs: { x: { dtype: 'float64', shape: [5] } },
    targets: {},
    forward: ({ x }, g) => ({ dw: sub(g.param(w), x), db: sub(g.param(b), 1) }),
    loss: ({ dw, db }) => mul(add(reduceSum(mul(dw, dw)), reduceSum(mul(db, db))), 0.5),
  });
}

type Ref = (p: number[], g: number[], t: number, lr: number, decays: boolean[]) => void;

function adamRef(kind: 'adam' | 'adamw', b1: number, b2: number, eps: number, wd: number): Ref {
  const m: number[] = [];
  const v: number[] = [];
  return (p, g, t, lr, decays) => {
    for (let i = 0; i < p.length; i++) {
      let gi = g[i]!;
      if (kind === 'adam' && decays[i]) gi += wd * p[i]!;
      if (kind === 'adamw' && decays[i]) p[i] = p[i]! * (1 - lr * wd);
      m[i] = b1 * (m[i] ?? 0) + (1 - b1) * gi;
      v[i] = b2 * (v[i] ?? 0) + (1 - b2) * gi * gi;
      const denom = Math.sqrt(v[i]!) / Math.sqrt(1 - b2 ** t) + eps;
      p[i] = p[i]! - (lr / (1 - b1 ** t)) * (m[i]! / denom);
    }
  };
}

function sgdRef(mu: number, wd: number, nesterov: boolean): Ref {
  const buf: number[] = [];
  return (p, g, _t, lr, decays) => {
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]! + (decays[i] ? wd * p[i]! : 0);
      buf[i] = mu * (buf[i] ?? 0) + gi;
      p[i] = p[i]! - lr * (nesterov ? gi + mu * buf[i]! : buf[i]!);
    }
  };
}

const x = [1, 2, 3, 4, 5];
const feeds = { x: { data: Float64Array.from(x), dims: [5] } };

async function compare(optimizer: Optimizer, ref: Ref, clip?: number): Promise<void> {
  const lr = warmupCosine({ peak: 0.1, warmupSteps: 2, totalSteps: 6, final: 0.01 });
  const trainer = await Trainer.create(quadratic(), { optimizer, lr, threads: 1, ...(clip ? { clipNorm: clip } : {}) });
  const p = [...W0, ...B0];
  const decays = [true, true, true, true, true, false, false];
  for (let t = 1; t <= 6; t++) {
    let g = [...p.slice(0, 5).map((w, i) => w - x[i]!), ...p.slice(5).map((b) => b - 1)];
    const norm = Math.sqrt(g.reduce((s, v) => s + v * v, 0));
    const r = await trainer.trainStep(feeds);
    if (clip) {
      expect(r.gradNorm).toBeCloseTo(norm, 6);
      g = g.map((v) => v * Math.min(1, clip / (norm + 1e-6)));
    }
    ref(p, g, t, lr(t - 1), decays);
    const got = trainer.parameterValues();
    const flat = [...got.get('w')!, ...got.get('b')!];
    flat.forEach((v, i) => expect(v).toBeCloseTo(p[i]!, 6));
  }
  await trainer.release();
}

describe('optimizers in the training graph', () => {
  it('Adam (with L2 decay) matches the reference, bias correction included', () =>
    compare(adam({ weightDecay: 0.1 }), adamRef('adam', 0.9, 0.999, 1e-8, 0.1)));
  it('AdamW matches the reference (decoupled decay, not on b)', () =>
    compare(adamw({ weightDecay: 0.2, beta1: 0.8, beta2: 0.99 }), adamRef('adamw', 0.8, 0.99, 1e-8, 0.2)));
  it('SGD with momentum matches the reference', () => compare(sgd({ momentum: 0.9, weightDecay: 0.05 }), sgdRef(0.9, 0.05, false)));
  it('SGD with Nesterov momentum matches the reference', () => compare(sgd({ momentum: 0.5, nesterov: true }), sgdRef(0.5, 0, true)));
  it('plain SGD keeps no state', () => compare(sgd(), sgdRef(0, 0, false)));
  it('global-norm clipping scales the gradient and reports the norm', () => compare(adam(), adamRef('adam', 0.9, 0.999, 1e-8, 0), 0.5));

  it('gradient accumulation averages micro-steps and updates once per window', async () => {
    const trainer = await Trainer.create(quadratic(), { optimizer: sgd(), lr: 1, threads: 1, accumulation: 2 });
    const r1 = await trainer.trainStep(feeds);
    expect(r1.applied).toBe(false);
    expect([...trainer.parameterValues().get('w')!]).toEqual(W0);
    await trainer.trainStep({ x: { data: Float64Array.from([3, 4, 5, 6, 7]), dims: [5] } });
    // mean gradient of the two micro-steps: w - (x + 2) / 1 averaged = w - x - 1; lr 1 -> w = x + 1
    expect([...trainer.parameterValues().get('w')!]).toEqual([2, 3, 4, 5, 6]);
    expect([trainer.step, trainer.microStep]).toEqual([1, 2]);
    await trainer.release();
  });

  it('warm-up + cosine schedule', () => {
    const s = warmupCosine({ peak: 1, warmupSteps: 4, totalSteps: 14, final: 0.1 });
    expect([0, 1, 2, 3].map(s)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(s(4)).toBeCloseTo(1, 12);
    expect(s(9)).toBeCloseTo(0.55, 12);
    expect(s(14)).toBeCloseTo(0.1, 12);
    expect(s(100)).toBeCloseTo(0.1, 12);
  });
});
