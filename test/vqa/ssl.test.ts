/**
 * SSL losses: Sinkhorn soft assignments, the permutation-equivariant VICReg (invariant to the order of
 * either view's nodes), and finite-difference gradient checks of every level through onnxruntime.
 */
import { describe, expect, it } from 'vitest';
import { Graph, ops, type Tensor } from '../../models/nn/index.ts';
import { initialValues } from '../../models/nn/runtime/init.ts';
import { equivariantVicreg, graphVicreg, makeExpander, nodeVicreg, sinkhornLog } from '../../models/vqa/ssl/index.ts';
import { gradCheck, runGraph, seededRandom } from '../nn/helpers/index.ts';

const W = { invariance: 25, variance: 25, covariance: 1 };
const SINKHORN = { sinkhornIterations: 5, temperature: 0.5 };

function randomRows(n: number, d: number, seed: number): Float32Array {
  const rand = seededRandom(seed);
  return Float32Array.from({ length: n * d }, () => rand() * 2 - 1);
}

describe('sinkhornLog', () => {
  it('gives each real row a distribution over the real columns and nothing to padding', async () => {
    const g = new Graph('sinkhorn');
    const s = g.input('s', 'float32', [2, 3, 4]);
    const rm = g.input('rm', 'float32', [2, 3]);
    const cm = g.input('cm', 'float32', [2, 4]);
    g.output('p', ops.exp(sinkhornLog(s, rm, cm, 5)));
    const out = await runGraph(g, {
      s: { data: randomRows(2 * 3, 4, 1), dims: [2, 3, 4] },
      rm: { data: Float32Array.of(1, 1, 0, 1, 1, 1), dims: [2, 3] },
      cm: { data: Float32Array.of(1, 1, 1, 0, 1, 1, 1, 1), dims: [2, 4] },
    });
    const p = out.p!.data as Float32Array;
    const at = (b: number, i: number, j: number) => p[(b * 3 + i) * 4 + j]!;
    const cases: [number, number[], number[]][] = [[0, [0, 1], [0, 1, 2]], [1, [0, 1, 2], [0, 1, 2, 3]]];
    for (const [b, rows, cols] of cases) {
      for (const i of rows) expect(cols.reduce((sum, j) => sum + at(b, i, j), 0)).toBeCloseTo(1, 5);
    }
    expect(at(0, 0, 3)).toBeLessThan(1e-6);
    expect(at(0, 1, 3)).toBeLessThan(1e-6);
    // columns of the square case end close to balanced too (each column's mass ~ rows / columns)
    for (let j = 0; j < 4; j++) expect([0, 1, 2].reduce((sum, i) => sum + at(1, i, j), 0)).toBeCloseTo(0.75, 1);
  });
});

/** One graph with two views of N and M nodes; returns the equivariant loss for given row orders. */
async function equivariantLoss(hA: Float32Array, hB: Float32Array, n: number, m: number, d: number, orderA: number[], orderB: number[]): Promise<number> {
  const expander = makeExpander('eq', d, 8);
  const g = new Graph('equivariant');
  const a = g.input('a', 'float32', [n, d]);
  const b = g.input('b', 'float32', [m, d]);
  const pa = g.input('pa', 'int64', [1, n]);
  const pb = g.input('pb', 'int64', [1, m]);
  const ma = g.input('ma', 'float32', [1, n]);
  const mb = g.input('mb', 'float32', [1, m]);
  g.output('loss', equivariantVicreg({ hA: a, hB: b, padA: pa, maskA: ma, padB: pb, maskB: mb }, expander, SINKHORN, W));
  const permute = (h: Float32Array, order: number[]) => Float32Array.from(order.flatMap((r) => Array.from(h.subarray(r * d, (r + 1) * d))));
  const params = new Map(expander.parameters().map((p) => [p.name, initialValues(p, 3) as Float32Array]));
  const out = await runGraph(g, {
    a: { data: permute(hA, orderA), dims: [n, d] },
    b: { data: permute(hB, orderB), dims: [m, d] },
    pa: { data: BigInt64Array.from(orderA.map((_, i) => BigInt(i))), dims: [1, n] },
    pb: { data: BigInt64Array.from(orderB.map((_, i) => BigInt(i))), dims: [1, m] },
    ma: { data: new Float32Array(n).fill(1), dims: [1, n] },
    mb: { data: new Float32Array(m).fill(1), dims: [1, m] },
  }, params);
  return Number(out.loss!.data[0]);
}

describe('permutation-equivariant VICReg', () => {
  const d = 6;
  const hA = randomRows(5, d, 11);
  const hB = randomRows(4, d, 12);

  it('does not change when either view\'s nodes are permuted', async () => {
    const base = await equivariantLoss(hA, hB, 5, 4, d, [0, 1, 2, 3, 4], [0, 1, 2, 3]);
    expect(Number.isFinite(base)).toBe(true);
    for (const [oa, ob] of [[[4, 2, 0, 1, 3], [0, 1, 2, 3]], [[0, 1, 2, 3, 4], [3, 1, 0, 2]], [[1, 0, 4, 3, 2], [2, 3, 1, 0]]]) {
      expect(await equivariantLoss(hA, hB, 5, 4, d, oa!, ob!)).toBeCloseTo(base, 4);
    }
  });

  it('is lower for two views that agree than for unrelated ones', async () => {
    const noisy = Float32Array.from(hA.subarray(0, 4 * d), (v, i) => v + 0.01 * Math.sin(i));
    const agree = await equivariantLoss(hA.subarray(0, 4 * d), noisy, 4, 4, d, [0, 1, 2, 3], [2, 0, 3, 1]);
    const unrelated = await equivariantLoss(hA.subarray(0, 4 * d), hB, 4, 4, d, [0, 1, 2, 3], [0, 1, 2, 3]);
    expect(agree).toBeLessThan(unrelated);
  });
});

describe('SSL gradients (finite differences through onnxruntime)', () => {
  const d = 4;
  const expect_ok = (r: Awaited<ReturnType<typeof gradCheck>>) => {
    expect(r.failures).toEqual([]);
    expect(r.checked).toBeGreaterThan(0);
  };

  it('Sinkhorn', async () => {
    expect_ok(await gradCheck({
      name: 'vqa-sinkhorn',
      inputs: {
        s: { shape: [2, 3, 3] },
        rm: { shape: [2, 3], fill: [1, 1, 1, 1, 1, 0], wrt: false },
        cm: { shape: [2, 3], fill: [1, 1, 0, 1, 1, 1], wrt: false },
      },
      build: ({ s, rm, cm }) => ops.exp(sinkhornLog(s!, rm!, cm!, 3)),
    }));
  });

  it('node, graph and equivariant levels', async () => {
    const levels: Record<string, (x: Record<string, Tensor>) => Tensor> = {
      node: (x) => nodeVicreg(x.a!, x.b!, x.ia!, x.ib!, makeExpander('n', d, 4, 'float64'), W),
      graph: (x) => graphVicreg(x.a!, x.ga!, x.b!, x.gb!, x.count!, makeExpander('g', d, 4, 'float64'), W),
      equivariant: (x) => equivariantVicreg({ hA: x.a!, hB: x.b!, padA: x.pa!, maskA: x.ma!, padB: x.pb!, maskB: x.mb! }, makeExpander('e', d, 4, 'float64'), SINKHORN, W),
    };
    for (const [name, build] of Object.entries(levels)) {
      expect_ok(await gradCheck({
        name: `vqa-ssl-${name}`,
        inputs: {
          a: { shape: [5, d] },
          b: { shape: [4, d] },
          ia: { shape: [3], int64: [0, 2, 4] },
          ib: { shape: [3], int64: [1, 0, 3] },
          ga: { shape: [5], int64: [0, 0, 0, 1, 1] },
          gb: { shape: [4], int64: [0, 0, 1, 1] },
          count: { shape: [2, 1], fill: [0, 0], wrt: false },
          pa: { shape: [2, 3], int64: [0, 1, 2, 3, 4, 0] },
          ma: { shape: [2, 3], fill: [1, 1, 1, 1, 1, 0], wrt: false },
          pb: { shape: [2, 2], int64: [0, 1, 2, 3] },
          mb: { shape: [2, 2], fill: [1, 1, 1, 1], wrt: false },
        },
        build,
        kinks: true,
        maxElements: 12,
      }));
    }
  });
});
