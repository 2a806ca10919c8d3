/**
 * A tiny GNN trains: graph classification where the label says whether two nodes of type 0 are
 * joined by an edge (so it needs message passing, not just counting). GraphConv x2 + sum readout.
 */
import { describe, expect, it } from 'vitest';
import { segmentSum } from '../../models/nn/functional/index.ts';
import { accuracy, crossEntropy } from '../../models/nn/losses/index.ts';
import { defineModel } from '../../models/nn/model/index.ts';
import { GatConv, GraphConv, Linear } from '../../models/nn/modules/index.ts';
import { relu } from '../../models/nn/ops/index.ts';
import { adam } from '../../models/nn/optim/index.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceModel, Trainer } from '../../models/nn/runtime/index.ts';
import { seededRandom } from './helpers/index.ts';

const GRAPHS = 64;
const NODES = 8;

function dataset(seed: number) {
  const rand = seededRandom(seed);
  const x = new Float32Array(GRAPHS * NODES * 3);
  const src: number[] = [];
  const dst: number[] = [];
  const batch = new BigInt64Array(GRAPHS * NODES);
  const y = new BigInt64Array(GRAPHS);
  for (let gi = 0; gi < GRAPHS; gi++) {
    const types = Array.from({ length: NODES }, () => (rand() < 0.3 ? 0 : 1 + Math.floor(rand() * 2)));
    types.forEach((t, k) => {
      x[(gi * NODES + k) * 3 + t] = 1;
      batch[gi * NODES + k] = BigInt(gi);
    });
    let label = 0;
    for (let k = 0; k < NODES; k++) {
      const m = (k + 1 + Math.floor(rand() * (NODES - 1))) % NODES; // one random partner per node, both directions
      src.push(gi * NODES + k, gi * NODES + m);
      dst.push(gi * NODES + m, gi * NODES + k);
      if (types[k] === 0 && types[m] === 0) label = 1;
    }
    y[gi] = BigInt(label);
  }
  const ints = (v: number[]) => ({ data: BigInt64Array.from(v, (n) => BigInt(n)), dims: [v.length] });
  return {
    x: { data: x, dims: [GRAPHS * NODES, 3] },
    src: ints(src),
    dst: ints(dst),
    batch: { data: batch, dims: [GRAPHS * NODES] },
    graphs: { data: BigInt64Array.of(BigInt(GRAPHS)), dims: [] },
    y: { data: y, dims: [GRAPHS] },
    positives: y.reduce((s, v) => s + Number(v), 0),
  };
}

function gnnModel(kind: 'graphconv' | 'gat') {
  const l1 = kind === 'gat' ? new GatConv('g1', 3, 8, { heads: 2 }) : new GraphConv('g1', 3, 16);
  const l2 = kind === 'gat' ? new GatConv('g2', 16, 16) : new GraphConv('g2', 16, 16);
  const head = new Linear('head', 16, 2);
  const conv = (layer: GatConv | GraphConv, h: Parameters<GraphConv['forward']>[0], e: Parameters<GraphConv['forward']>[1]) =>
    layer instanceof GatConv ? layer.forward(h, e).output : layer.forward(h, e);
  return defineModel({
    name: `tiny-${kind}`,
    inputs: {
      x: { dtype: 'float32', shape: ['N', 3] },
      src: { dtype: 'int64', shape: ['E'] },
      dst: { dtype: 'int64', shape: ['E'] },
      batch: { dtype: 'int64', shape: ['N'] },
      graphs: { dtype: 'int64', shape: [] },
    },
    targets: { y: { dtype: 'int64', shape: ['G'] } },
    forward: ({ x, src, dst, batch, graphs }) => {
      const edges = { src, dst };
      const h = relu(conv(l2, relu(conv(l1, x, edges)), edges));
      return { logits: head.forward(segmentSum(h, batch, graphs)) };
    },
    loss: ({ logits }, { y }) => ({ loss: crossEntropy(logits, y), metrics: { accuracy: accuracy(logits, y) } }),
  });
}

describe('GNN training', () => {
  it.each(['graphconv', 'gat'] as const)('a tiny %s model learns an edge-dependent label', async (kind) => {
    const train = dataset(1);
    expect(train.positives).toBeGreaterThan(GRAPHS * 0.25);
    expect(train.positives).toBeLessThan(GRAPHS * 0.75);
    const trainer = await Trainer.create(gnnModel(kind), { optimizer: adam(), lr: 0.02, seed: 2, threads: 1 });
    const first = await trainer.evaluate(train);
    for (let i = 0; i < 120; i++) await trainer.trainStep(train);
    const last = await trainer.evaluate(train);
    expect(last.loss).toBeLessThan(0.5 * first.loss);
    expect(last.metrics.accuracy).toBeGreaterThan(0.9);
    // the same rule holds on graphs it has not seen
    const held = await trainer.evaluate(dataset(99));
    expect(held.metrics.accuracy).toBeGreaterThan(0.75);
    // the exported inference graph reproduces the training graph's forward pass
    const dir = await mkdtemp(join(tmpdir(), 'nn-gnn-'));
    const path = join(dir, `${kind}.onnx`);
    await trainer.exportInference(path);
    const model = await InferenceModel.load(path, { threads: 1 });
    const { positives: _p, ...feeds } = train;
    const exported = (await model.run(feeds)).logits!.data as Float32Array;
    const trained = (await trainer.trainStep(train, ['logits'])).outputs.logits!.data as Float32Array;
    exported.forEach((v, i) => expect(v).toBeCloseTo(trained[i]!, 4));
    await model.release();
    await rm(dir, { recursive: true, force: true });
    await trainer.release();
  });
});
