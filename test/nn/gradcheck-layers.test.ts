/** Finite-difference checks of the layer-level rules: MatMul, softmaxes, LayerNorm, Conv, ConvTranspose, pooling. */
import { afterAll, describe, expect, it } from 'vitest';
import * as F from '../../models/nn/ops/index.ts';
import { Graph } from '../../models/nn/graph/graph.ts';
import { type GradCase, type GradReport, gradCheck, runGraph } from './helpers/index.ts';

const cases: GradCase[] = [
  { name: 'matmul [3,4]x[4,2]', inputs: { a: { shape: [3, 4] }, b: { shape: [4, 2] } }, build: (i) => F.matmul(i.a!, i.b!) },
  { name: 'matmul batched [2,3,4]x[2,4,2]', inputs: { a: { shape: [2, 3, 4] }, b: { shape: [2, 4, 2] } }, build: (i) => F.matmul(i.a!, i.b!) },
  { name: 'matmul [2,3,4]x[4,2] (flattened weight grad)', inputs: { a: { shape: [2, 3, 4] }, b: { shape: [4, 2] } }, build: (i) => F.matmul(i.a!, i.b!) },
  { name: 'matmul [3,4]x[2,4,2] (broadcast a)', inputs: { a: { shape: [3, 4] }, b: { shape: [2, 4, 2] } }, build: (i) => F.matmul(i.a!, i.b!) },
  { name: 'matmul reuse x@x', inputs: { x: { shape: [3, 3] } }, build: (i) => F.matmul(i.x!, i.x!) },
  { name: 'softmax axis -1', inputs: { x: { shape: [2, 5] } }, build: (i) => F.softmax(i.x!, -1) },
  { name: 'softmax axis 0', inputs: { x: { shape: [3, 2, 2] } }, build: (i) => F.softmax(i.x!, 0) },
  { name: 'softmax large logits', inputs: { x: { shape: [1, 4], fill: [50, 51, 49, -30] } }, build: (i) => F.softmax(i.x!, 1) },
  { name: 'logSoftmax axis -1', inputs: { x: { shape: [3, 4] } }, build: (i) => F.logSoftmax(i.x!, -1) },
  { name: 'logSoftmax axis 1 of 3', inputs: { x: { shape: [2, 3, 2] } }, build: (i) => F.logSoftmax(i.x!, 1) },
  {
    name: 'layerNorm last axis with bias',
    inputs: { x: { shape: [3, 5] }, s: { shape: [5] }, b: { shape: [5] } },
    build: (i) => F.layerNorm(i.x!, i.s!, i.b!, -1, 1e-5),
  },
  {
    name: 'layerNorm over last two axes, no bias',
    inputs: { x: { shape: [2, 3, 4] }, s: { shape: [3, 4] } },
    build: (i) => F.layerNorm(i.x!, i.s!, null, 1, 1e-3),
  },
  {
    name: 'conv 3x3 stride 1 pad 1 with bias',
    inputs: { x: { shape: [2, 2, 5, 5] }, w: { shape: [3, 2, 3, 3] }, b: { shape: [3] } },
    build: (i) => F.conv(i.x!, i.w!, { pads: [1, 1] }, i.b!),
  },
  {
    name: 'conv 3x3 stride 2 pad 1, odd size (output padding)',
    inputs: { x: { shape: [2, 3, 7, 6] }, w: { shape: [2, 3, 3, 3] } },
    build: (i) => F.conv(i.x!, i.w!, { strides: [2, 2], pads: [1, 1] }),
  },
  {
    name: 'conv 2x2 stride 2 no pad, uneven tail',
    inputs: { x: { shape: [1, 2, 5, 5] }, w: { shape: [2, 2, 2, 2] } },
    build: (i) => F.conv(i.x!, i.w!, { strides: [2, 2] }),
  },
  {
    name: 'conv dilation 2, asymmetric pads',
    inputs: { x: { shape: [1, 2, 6, 6] }, w: { shape: [2, 2, 3, 3] } },
    build: (i) => F.conv(i.x!, i.w!, { dilations: [2, 2], pads: [2, 1, 1, 2] }),
  },
  {
    name: 'conv 1x1',
    inputs: { x: { shape: [2, 3, 3, 3] }, w: { shape: [4, 3, 1, 1] } },
    build: (i) => F.conv(i.x!, i.w!),
  },
  {
    name: 'convTranspose stride 2 with bias',
    inputs: { x: { shape: [1, 3, 3, 3] }, w: { shape: [3, 2, 3, 3] }, b: { shape: [2] } },
    build: (i) => F.convTranspose(i.x!, i.w!, { strides: [2, 2], pads: [1, 1], outputPadding: [1, 1] }, i.b!),
  },
  { name: 'maxPool 2x2', inputs: { x: { shape: [2, 2, 4, 4] } }, build: (i) => F.maxPool(i.x!, [2, 2]) },
  { name: 'maxPool 3x3 stride 2 pad 1 (overlapping)', inputs: { x: { shape: [1, 2, 5, 5] } }, build: (i) => F.maxPool(i.x!, [3, 3], { strides: [2, 2], pads: [1, 1] }) },
  { name: 'averagePool 2x2', inputs: { x: { shape: [2, 2, 4, 5] } }, build: (i) => F.averagePool(i.x!, [2, 2]) },
  {
    name: 'averagePool 3x3 stride 2 pad 1 count_include_pad',
    inputs: { x: { shape: [1, 2, 5, 6] } },
    build: (i) => F.averagePool(i.x!, [3, 3], { strides: [2, 2], pads: [1, 1], countIncludePad: true }),
  },
];

const reports: GradReport[] = [];

describe('conv weight-gradient formulations', () => {
  it.each([
    { name: 'stride 2 pad 1, odd size', x: [2, 3, 7, 6], w: [2, 3, 3, 3], o: { strides: [2, 2], pads: [1, 1] } },
    { name: 'stride 2 no pad, uneven tail', x: [1, 2, 5, 5], w: [2, 2, 2, 2], o: { strides: [2, 2] } },
    { name: 'dilation 2, asymmetric pads', x: [1, 2, 6, 6], w: [3, 2, 3, 3], o: { dilations: [2, 2], pads: [2, 1, 1, 2] } },
  ])('im2col-conv and permuted-conv agree ($name)', async ({ x: xs, w: ws, o }) => {
    const g = new Graph('wgrad');
    const x = g.input('x', 'float32', xs);
    const w = g.input('w', 'float32', ws);
    const y = F.conv(x, w, o);
    const gy = g.input('g', 'float32', y.shape as number[]);
    const node = g.producer(y)!;
    const attrs = node.attrs as F.ConvAttrs;
    g.output('a', F.convWeightGrad(x, gy, attrs, 'im2col-conv'));
    g.output('b', F.convWeightGrad(x, gy, attrs, 'permuted-conv'));
    const fill = (n: number, k: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * k + 1));
    const size = (d: readonly (number | string)[]) => (d as number[]).reduce((p, q) => p * q, 1);
    const out = await runGraph(g, {
      x: { data: fill(size(xs), 0.7), dims: xs },
      w: { data: fill(size(ws), 0.3), dims: ws },
      g: { data: fill(size(y.shape), 1.1), dims: y.shape as number[] },
    });
    expect(out.a!.dims).toEqual(ws);
    const [a, b] = [out.a!.data as Float32Array, out.b!.data as Float32Array];
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 4));
  });
});

describe('gradient rules: layers (finite differences through onnxruntime)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const report = await gradCheck(c);
    reports.push(report);
    expect(report.failures).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
  });

  afterAll(() => {
    const single = reports.filter((r) => r.dtype === 'float32').map((r) => r.name);
    if (single.length) console.info(`checked in float32 (no float64 kernel in ORT): ${single.join('; ')}`);
  });
});
