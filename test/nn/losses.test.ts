/** Loss values against plain JavaScript references, and their gradients against finite differences. */
import { describe, expect, it } from 'vitest';
import { Graph } from '../../models/nn/graph/graph.ts';
import type { Tensor } from '../../models/nn/graph/tensor.ts';
import {
  bceWithLogits, crossEntropy, heatmapFocalLoss, l1Loss, mseLoss, sigmoidFocalLoss, smoothL1Loss, vicreg,
} from '../../models/nn/losses/index.ts';
import { type GradCase, gradCheck, runGraph, seededRandom } from './helpers/index.ts';

const rand = seededRandom(42);
const randn = (n: number, scale = 2) => Array.from({ length: n }, () => (rand() - 0.5) * 2 * scale);
const f64 = (v: readonly number[]) => Float64Array.from(v);
const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

async function evalLoss(inputs: Record<string, { data: number[]; dims: number[]; int?: boolean }>, build: (t: Record<string, Tensor>) => Tensor): Promise<number> {
  const g = new Graph('loss');
  const ts: Record<string, Tensor> = {};
  const feeds: Record<string, { data: Float64Array | BigInt64Array; dims: number[] }> = {};
  for (const [k, v] of Object.entries(inputs)) {
    ts[k] = g.input(k, v.int ? 'int64' : 'float64', v.dims);
    feeds[k] = { data: v.int ? BigInt64Array.from(v.data, (x) => BigInt(x)) : f64(v.data), dims: v.dims };
  }
  g.output('loss', build(ts));
  return Number((await runGraph(g, feeds)).loss!.data[0]);
}

describe('loss values', () => {
  it('cross-entropy with ignore index and label smoothing', async () => {
    const logits = randn(12);
    const labels = [2, -100, 0, 1];
    const ref = (eps: number) => {
      let total = 0;
      let kept = 0;
      for (let r = 0; r < 4; r++) {
        if (labels[r] === -100) continue;
        const row = logits.slice(3 * r, 3 * r + 3);
        const lse = Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
        const logp = row.map((v) => v - lse);
        total += -(1 - eps) * logp[labels[r]!]! - (eps / 3) * logp.reduce((a, b) => a + b, 0);
        kept++;
      }
      return total / kept;
    };
    const inputs = { x: { data: logits, dims: [4, 3] }, y: { data: labels, dims: [4], int: true } };
    expect(await evalLoss(inputs, (t) => crossEntropy(t.x!, t.y!))).toBeCloseTo(ref(0), 12);
    expect(await evalLoss(inputs, (t) => crossEntropy(t.x!, t.y!, { labelSmoothing: 0.1 }))).toBeCloseTo(ref(0.1), 12);
    const allIgnored = { x: inputs.x, y: { data: [-100, -100, -100, -100], dims: [4], int: true } };
    expect(await evalLoss(allIgnored, (t) => crossEntropy(t.x!, t.y!))).toBe(0);
  });

  it('BCE with logits stays finite at extreme logits and honours pos_weight', async () => {
    const x = [-100, -3, 0, 2.5, 100];
    const y = [0, 1, 0.5, 1, 1];
    const ref = (pw: number) => x.reduce((s, v, i) => s + (1 - y[i]!) * v + (1 + (pw - 1) * y[i]!) * softplus(-v), 0) / x.length;
    const inputs = { x: { data: x, dims: [5] }, y: { data: y, dims: [5] } };
    expect(await evalLoss(inputs, (t) => bceWithLogits(t.x!, t.y!))).toBeCloseTo(ref(1), 12);
    expect(await evalLoss(inputs, (t) => bceWithLogits(t.x!, t.y!, { posWeight: 3 }))).toBeCloseTo(ref(3), 12);
  });

  it('sigmoid focal loss (torchvision formula)', async () => {
    const x = randn(6);
    const y = [1, 0, 0, 1, 0, 1];
    const ref = x.reduce((s, v, i) => {
      const p = sigmoid(v);
      const ce = softplus(v) - v * y[i]!;
      const pt = p * y[i]! + (1 - p) * (1 - y[i]!);
      return s + ce * (1 - pt) ** 2 * (0.25 * y[i]! + 0.75 * (1 - y[i]!));
    }, 0);
    expect(await evalLoss({ x: { data: x, dims: [6] }, y: { data: y, dims: [6] } }, (t) => sigmoidFocalLoss(t.x!, t.y!, { reduction: 'sum' }))).toBeCloseTo(ref, 12);
  });

  it('CenterNet heatmap focal loss', async () => {
    const x = randn(8);
    const y = [1, 0.5, 0, 0.9, 1, 0, 0.2, 0];
    let total = 0;
    x.forEach((v, i) => {
      const p = sigmoid(v);
      total += y[i] === 1 ? (1 - p) ** 2 * Math.log(p) : (1 - y[i]!) ** 4 * p ** 2 * Math.log(1 - p);
    });
    const got = await evalLoss({ x: { data: x, dims: [1, 2, 2, 2] }, y: { data: y, dims: [1, 2, 2, 2] } }, (t) => heatmapFocalLoss(t.x!, t.y!));
    expect(got).toBeCloseTo(-total / 2, 12);
  });

  it('L1, MSE and smooth L1 with a mask', async () => {
    const a = [0.5, -2, 3, 0.1];
    const b = [0, 0, 1, 0.4];
    const w = [1, 0, 1, 1];
    const d = a.map((v, i) => v - b[i]!);
    const masked = (f: (x: number) => number) => d.reduce((s, v, i) => s + w[i]! * f(v), 0) / 3;
    const inputs = { a: { data: a, dims: [4] }, b: { data: b, dims: [4] }, w: { data: w, dims: [4] } };
    expect(await evalLoss(inputs, (t) => l1Loss(t.a!, t.b!, { weights: t.w! }))).toBeCloseTo(masked(Math.abs), 12);
    expect(await evalLoss(inputs, (t) => mseLoss(t.a!, t.b!, { weights: t.w! }))).toBeCloseTo(masked((v) => v * v), 12);
    const huber = (v: number) => (Math.abs(v) < 1 ? 0.5 * v * v : Math.abs(v) - 0.5);
    expect(await evalLoss(inputs, (t) => smoothL1Loss(t.a!, t.b!, { weights: t.w! }))).toBeCloseTo(masked(huber), 12);
  });

  it('VICReg terms match the official formulas', async () => {
    const n = 6;
    const dDim = 3;
    const za = randn(n * dDim);
    const zb = randn(n * dDim);
    const col = (z: number[], j: number) => Array.from({ length: n }, (_, i) => z[i * dDim + j]!);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const cov = (z: number[], i: number, j: number) => {
      const a = col(z, i);
      const b = col(z, j);
      const ma = mean(a);
      const mb = mean(b);
      return a.reduce((s, v, k) => s + (v - ma) * (b[k]! - mb), 0) / (n - 1);
    };
    const variance = (z: number[]) => mean(Array.from({ length: dDim }, (_, j) => Math.max(0, 1 - Math.sqrt(cov(z, j, j) + 1e-4))));
    const covariance = (z: number[]) => {
      let s = 0;
      for (let i = 0; i < dDim; i++) for (let j = 0; j < dDim; j++) if (i !== j) s += cov(z, i, j) ** 2;
      return s / dDim;
    };
    const inv = mean(za.map((v, i) => (v - zb[i]!) ** 2));
    const ref = 25 * inv + 25 * ((variance(za) + variance(zb)) / 2) + covariance(za) + covariance(zb);
    const inputs = { a: { data: za, dims: [n, dDim] }, b: { data: zb, dims: [n, dDim] } };
    expect(await evalLoss(inputs, (t) => vicreg(t.a!, t.b!).invariance)).toBeCloseTo(inv, 12);
    expect(await evalLoss(inputs, (t) => vicreg(t.a!, t.b!).variance)).toBeCloseTo((variance(za) + variance(zb)) / 2, 12);
    // ORT's 'extended' fusions fold the 1/(N-1) scale into FusedMatMul's float32 alpha even in double
    // graphs, so the covariance term is good to ~1e-7 relative, not 1e-15.
    expect(await evalLoss(inputs, (t) => vicreg(t.a!, t.b!).covariance)).toBeCloseTo(covariance(za) + covariance(zb), 6);
    expect(Math.abs((await evalLoss(inputs, (t) => vicreg(t.a!, t.b!).loss)) / ref - 1)).toBeLessThan(1e-6);
  });
});

const gradCases: GradCase[] = [
  {
    name: 'cross-entropy (ignore index)',
    inputs: { x: { shape: [4, 3] }, y: { shape: [4], int64: [2, -100, 0, 1] } },
    build: (i) => crossEntropy(i.x!, i.y!, { labelSmoothing: 0.1 }),
  },
  { name: 'BCE with logits', inputs: { x: { shape: [2, 3] }, y: { shape: [2, 3], fill: 'unit', wrt: false } }, build: (i) => bceWithLogits(i.x!, i.y!, { posWeight: 2 }) },
  { name: 'sigmoid focal', inputs: { x: { shape: [2, 3] }, y: { shape: [2, 3], fill: [1, 0, 0, 1, 0, 1], wrt: false } }, build: (i) => sigmoidFocalLoss(i.x!, i.y!) },
  {
    name: 'heatmap focal',
    inputs: { x: { shape: [1, 1, 2, 3] }, y: { shape: [1, 1, 2, 3], fill: [1, 0.3, 0, 0.8, 1, 0.1], wrt: false } },
    build: (i) => heatmapFocalLoss(i.x!, i.y!),
  },
  { name: 'smooth L1', inputs: { a: { shape: [5], fill: [0.2, -3, 1.7, -0.4, 2] }, b: { shape: [5], fill: 'zero' } }, build: (i) => smoothL1Loss(i.a!, i.b!) },
  { name: 'VICReg', inputs: { a: { shape: [5, 3] }, b: { shape: [5, 3] } }, build: (i) => vicreg(i.a!, i.b!).loss },
  { name: 'VICReg symbolic batch', inputs: { a: { shape: [5, 3], declare: ['N', 3] }, b: { shape: [5, 3], declare: ['N', 3] } }, build: (i) => vicreg(i.a!, i.b!).loss },
];

describe('loss gradients (finite differences)', () => {
  it.each(gradCases.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const report = await gradCheck(c);
    expect(report.failures).toEqual([]);
  });
});
