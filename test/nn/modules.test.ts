/** Layers: output shapes, attention normalization, reference values, and gradients through whole layers. */
import { describe, expect, it } from 'vitest';
import { Graph } from '../../models/nn/graph/graph.ts';
import type { Tensor } from '../../models/nn/graph/tensor.ts';
import { initialValues } from '../../models/nn/runtime/index.ts';
import { segmentMax, segmentMean, segmentSoftmax, segmentSum, upsampleNearest } from '../../models/nn/functional/index.ts';
import {
  Conv2d, Embedding, GatConv, GraphConv, GroupNorm, Linear, Mlp, MultiHeadAttention, Pool2d, TransformerEncoderLayer,
} from '../../models/nn/modules/index.ts';
import { type Fetched, type GradCase, gradCheck, runGraph } from './helpers/index.ts';

const ints = (v: number[]) => ({ data: BigInt64Array.from(v, (x) => BigInt(x)), dims: [v.length] });
const f32 = (n: number, dims: number[], scale = 1) => ({ data: Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.7 + 0.3) * scale), dims });

async function run(g: Graph, feeds: Record<string, { data: Float32Array | Float64Array | BigInt64Array | Uint8Array; dims: number[] }>): Promise<Record<string, Fetched>> {
  const values = new Map(g.params.map(({ parameter }) => [parameter.name, initialValues(parameter, 3)]));
  return runGraph(g, feeds, values);
}

// edges of a 4-node graph: 0->1, 2->1, 3->1, 1->0, 0->2 (node 3 has no incoming edge)
const SRC = [0, 2, 3, 1, 0];
const DST = [1, 1, 1, 0, 2];

describe('segment reductions', () => {
  it('sum, mean, max and softmax per segment', async () => {
    const g = new Graph('seg');
    const v = g.input('v', 'float32', ['E', 2]);
    const ids = g.input('ids', 'int64', ['E']);
    const nodes = g.input('nodes', 'float32', ['N', 1]);
    g.output('sum', segmentSum(v, ids, nodes));
    g.output('mean', segmentMean(v, ids, 4));
    g.output('max', segmentMax(v, ids, 4));
    g.output('soft', segmentSoftmax(v, ids, nodes));
    const vals = [1, -1, 2, 0, 3, 5, 4, 4, 0.5, 0.5];
    const out = await runGraph(g, { v: { data: Float32Array.from(vals), dims: [5, 2] }, ids: ints(DST), nodes: f32(4, [4, 1]) });
    expect(Array.from(out.sum!.data as Float32Array)).toEqual([4, 4, 6, 4, 0.5, 0.5, 0, 0]);
    expect(Array.from(out.mean!.data as Float32Array)).toEqual([4, 4, 2, Math.fround(4 / 3), 0.5, 0.5, 0, 0]);
    expect(Array.from(out.max!.data as Float32Array).slice(0, 6)).toEqual([4, 4, 3, 5, 0.5, 0.5]);
    const soft = out.soft!.data as Float32Array;
    for (const target of [0, 1, 2]) {
      for (const col of [0, 1]) {
        const total = DST.reduce((s, d, e) => (d === target ? s + soft[2 * e + col]! : s), 0);
        expect(total).toBeCloseTo(1, 6);
      }
    }
  });
});

describe('layers', () => {
  it('Linear, Mlp, Embedding, Conv2d and Pool2d give the documented shapes', async () => {
    const g = new Graph('shapes');
    const x = g.input('x', 'float32', ['B', 5, 8]);
    const ids = g.input('ids', 'int64', ['B', 5]);
    const img = g.input('img', 'float32', ['B', 3, 17, 16]);
    const lin = new Linear('lin', 8, 4).forward(x);
    const mlp = new Mlp('mlp', [8, 16, 3], { layerNorm: true, activation: 'gelu' }).forward(x);
    const emb = new Embedding('emb', 10, 6).forward(ids);
    const conv = new Conv2d('conv', 3, 4, 3, { stride: 2, padding: 'same' }).forward(img);
    const pooled = new Pool2d('pool', 'max', 2).forward(conv);
    const global = new Pool2d('gap', 'global-avg').forward(conv);
    expect([lin.shape, mlp.shape, emb.shape, conv.shape, pooled.shape, global.shape]).toEqual([
      ['B', 5, 4], ['B', 5, 3], ['B', 5, 6], ['B', 4, 9, 8], ['B', 4, 4, 4], ['B', 4],
    ]);
    for (const [k, t] of Object.entries({ lin, mlp, emb, conv, pooled, global })) g.output(k, t);
    const out = await run(g, { x: f32(80, [2, 5, 8]), ids: { data: BigInt64Array.from({ length: 10 }, (_, i) => BigInt(i % 10)), dims: [2, 5] }, img: f32(2 * 3 * 17 * 16, [2, 3, 17, 16]) });
    expect(out.conv!.dims).toEqual([2, 4, 9, 8]);
    expect(out.global!.dims).toEqual([2, 4]);
  });

  it('upsampleNearest repeats each pixel into an f x f block', async () => {
    const g = new Graph('up');
    const x = g.input('x', 'float32', ['N', 1, 2, 2]);
    const y = upsampleNearest(x, 2);
    expect(y.shape).toEqual(['N', 1, 4, 4]);
    g.output('y', y);
    const out = await runGraph(g, { x: { data: Float32Array.of(1, 2, 3, 4), dims: [1, 1, 2, 2] } });
    expect(Array.from(out.y!.data as Float32Array)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });

  it('GraphConv computes W_self x_i + W_nbr sum_j x_j + b', async () => {
    const g = new Graph('gc');
    const x = g.input('x', 'float32', ['N', 2]);
    const layer = new GraphConv('gc', 2, 3);
    g.output('y', layer.forward(x, { src: g.input('src', 'int64', ['E']), dst: g.input('dst', 'int64', ['E']) }));
    const xv = [1, 2, -1, 0.5, 3, -2, 0, 1];
    const out = await run(g, { x: { data: Float32Array.from(xv), dims: [4, 2] }, src: ints(SRC), dst: ints(DST) });
    const ws = initialValues(layer.self.weight, 3);
    const bs = initialValues(layer.self.bias!, 3);
    const wn = initialValues(layer.neighbours.weight, 3);
    const y = out.y!.data as Float32Array;
    for (let i = 0; i < 4; i++) {
      const agg = [0, 0];
      SRC.forEach((s, e) => {
        if (DST[e] === i) [0, 1].forEach((f) => (agg[f] = agg[f]! + xv[2 * s + f]!));
      });
      for (let o = 0; o < 3; o++) {
        let ref = bs[o]!;
        for (let f = 0; f < 2; f++) ref += xv[2 * i + f]! * ws[f * 3 + o]! + agg[f]! * wn[f * 3 + o]!;
        expect(y[i * 3 + o]).toBeCloseTo(ref, 5);
      }
    }
  });

  it('GatConv: shapes, and attention into each target sums to 1 per head', async () => {
    const g = new Graph('gat');
    const x = g.input('x', 'float32', ['N', 3]);
    const e = g.input('e', 'float32', ['E', 2]);
    const layer = new GatConv('gat', 3, 4, { heads: 2, edgeFeatures: 2 });
    const { output, attention } = layer.forward(x, { src: g.input('src', 'int64', ['E']), dst: g.input('dst', 'int64', ['E']) }, e);
    expect(output.shape[1]).toBe(8);
    expect(attention.shape).toEqual(['E', 2]);
    g.output('y', output);
    g.output('a', attention);
    const out = await run(g, { x: f32(12, [4, 3]), e: f32(10, [5, 2], 2), src: ints(SRC), dst: ints(DST) });
    expect(out.y!.dims).toEqual([4, 8]);
    const a = out.a!.data as Float32Array;
    for (const target of [0, 1, 2]) {
      for (const h of [0, 1]) expect(DST.reduce((s, d, k) => (d === target ? s + a[2 * k + h]! : s), 0)).toBeCloseTo(1, 6);
    }
    expect(a.every((v) => v > 0 && v <= 1)).toBe(true);
  });

  it('MultiHeadAttention: rows sum to 1 and padded keys get no weight', async () => {
    const g = new Graph('mha');
    const x = g.input('x', 'float32', ['B', 'T', 8]);
    const pad = g.input('pad', 'bool', ['B', 'T']);
    const layer = new MultiHeadAttention('mha', 8, 2);
    const { output, weights } = layer.forward({ query: x, keyPadding: pad });
    g.output('y', output);
    g.output('w', weights);
    const padding = Uint8Array.from([0, 0, 0, 1, 0, 0, 1, 1]);
    const out = await run(g, { x: f32(64, [2, 4, 8]), pad: { data: padding, dims: [2, 4] } });
    expect(out.y!.dims).toEqual([2, 4, 8]);
    expect(out.w!.dims).toEqual([2, 2, 4, 4]);
    const w = out.w!.data as Float32Array;
    for (let b = 0; b < 2; b++) {
      for (let row = 0; row < 8; row++) {
        const base = (b * 8 + row) * 4;
        const r = Array.from(w.subarray(base, base + 4));
        expect(r.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
        r.forEach((v, k) => {
          if (padding[b * 4 + k]) expect(v).toBeLessThan(1e-8);
        });
      }
    }
  });
});

const SMALL = { maxElements: 24 };
const layerGradCases: GradCase[] = [
  {
    name: 'segmentSoftmax and segmentMean',
    inputs: { s: { shape: [5, 2] }, ids: { shape: [5], int64: DST } },
    build: (i) => segmentMean(segmentSoftmax(i.s!, i.ids!, 4), i.ids!, 4),
  },
  {
    name: 'Embedding with repeated ids',
    inputs: { ids: { shape: [5], int64: [1, 3, 1, 0, 3] } },
    build: (i) => new Embedding('emb', 4, 3, { dtype: 'float64' }).forward(i.ids!),
  },
  {
    name: 'GatConv with edge features (2 heads)',
    inputs: { x: { shape: [4, 3] }, e: { shape: [5, 2] }, src: { shape: [5], int64: SRC }, dst: { shape: [5], int64: DST } },
    build: (i) => new GatConv('gat', 3, 2, { heads: 2, edgeFeatures: 2, dtype: dt(i.x!) }).forward(i.x!, { src: i.src!, dst: i.dst! }, i.e!).output,
    ...SMALL,
  },
  {
    name: 'GraphConv (mean aggregation)',
    inputs: { x: { shape: [4, 3] }, src: { shape: [5], int64: SRC }, dst: { shape: [5], int64: DST } },
    build: (i) => new GraphConv('gc', 3, 2, 'mean', { dtype: dt(i.x!) }).forward(i.x!, { src: i.src!, dst: i.dst! }),
    ...SMALL,
  },
  {
    name: 'MultiHeadAttention with key padding',
    inputs: { x: { shape: [2, 3, 4] }, pad: { shape: [2, 3], bool: [false, false, true, false, false, false] } },
    build: (i) => new MultiHeadAttention('mha', 4, 2, { dtype: dt(i.x!) }).forward({ query: i.x!, keyPadding: i.pad! }).output,
    ...SMALL,
  },
  {
    name: 'TransformerEncoderLayer',
    inputs: { x: { shape: [1, 3, 4] } },
    build: (i) => new TransformerEncoderLayer('enc', 4, 2, { hidden: 6, dtype: dt(i.x!) }).forward(i.x!).output,
    ...SMALL,
  },
  {
    name: 'GroupNorm (2 groups) after upsampling x2',
    inputs: { x: { shape: [2, 4, 2, 3] } },
    build: (i) => new GroupNorm('gn', 2, 4, { dtype: dt(i.x!) }).forward(upsampleNearest(i.x!, 2)),
    ...SMALL,
  },
  {
    name: 'Conv2d + global average pool',
    inputs: { x: { shape: [2, 2, 5, 5] } },
    build: (i) => new Pool2d('gap', 'global-avg').forward(new Conv2d('conv', 2, 3, 3, { stride: 2, padding: 1, dtype: dt(i.x!) }).forward(i.x!)),
    ...SMALL,
  },
];

function dt(t: Tensor): 'float32' | 'float64' {
  return t.dtype === 'float64' ? 'float64' : 'float32';
}

describe('layer gradients (finite differences, parameters included)', () => {
  it.each(layerGradCases.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const report = await gradCheck(c);
    expect(report.failures).toEqual([]);
  });
});
