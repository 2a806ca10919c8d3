/** The benchmark models and their synthetic batches, as the issue specifies them. */
import { globalAvgPool, segmentSum } from '../../models/nn/functional/index.ts';
import { crossEntropy } from '../../models/nn/losses/index.ts';
import { defineModel } from '../../models/nn/model/index.ts';
import { Conv2d, GraphConv, Linear } from '../../models/nn/modules/index.ts';
import { relu } from '../../models/nn/ops/index.ts';
import { Rng } from '../../models/nn/runtime/index.ts';

export const GNN = { graphs: 64, nodes: 20, edges: 5120, inFeatures: 32, hidden: 128, classes: 10 } as const;

/** 64 graphs x 20 nodes, E = 5120; GraphConv 32 -> 128 -> 128 (sum aggregation + self weight), ReLU, sum readout, dense 10. */
export function gnnModel() {
  const l1 = new GraphConv('gc1', GNN.inFeatures, GNN.hidden, 'sum');
  const l2 = new GraphConv('gc2', GNN.hidden, GNN.hidden, 'sum');
  const head = new Linear('head', GNN.hidden, GNN.classes);
  return defineModel({
    name: 'bench-gnn',
    inputs: {
      x: { dtype: 'float32', shape: ['N', GNN.inFeatures] },
      src: { dtype: 'int64', shape: ['E'] },
      dst: { dtype: 'int64', shape: ['E'] },
      batch: { dtype: 'int64', shape: ['N'] },
    },
    targets: { y: { dtype: 'int64', shape: ['G'] } },
    forward: ({ x, src, dst, batch }) => {
      const edges = { src, dst };
      const h = relu(l2.forward(relu(l1.forward(x, edges)), edges));
      return { logits: head.forward(segmentSum(h, batch, GNN.graphs)) };
    },
    loss: ({ logits }, { y }) => crossEntropy(logits, y),
  });
}

export function gnnBatch(seed = 1) {
  const rng = new Rng(seed);
  const n = GNN.graphs * GNN.nodes;
  const perNode = GNN.edges / n;
  const x = Float32Array.from({ length: n * GNN.inFeatures }, () => rng.normal());
  const src = new BigInt64Array(GNN.edges);
  const dst = new BigInt64Array(GNN.edges);
  let e = 0;
  for (let i = 0; i < n; i++) {
    const base = i - (i % GNN.nodes);
    for (let k = 0; k < perNode; k++) {
      src[e] = BigInt(base + rng.int(GNN.nodes));
      dst[e++] = BigInt(i);
    }
  }
  const batch = BigInt64Array.from({ length: n }, (_, i) => BigInt(Math.floor(i / GNN.nodes)));
  const y = BigInt64Array.from({ length: GNN.graphs }, () => BigInt(rng.int(GNN.classes)));
  return {
    x: { data: x, dims: [n, GNN.inFeatures] },
    src: { data: src, dims: [GNN.edges] },
    dst: { data: dst, dims: [GNN.edges] },
    batch: { data: batch, dims: [n] },
    y: { data: y, dims: [GNN.graphs] },
  };
}

export const CNN = { batch: 32, channels: [3, 16, 32, 64, 64], size: 128, classes: 10 } as const;

/** batch 32 x 3 x 128 x 128; 3x3 stride-2 convs 16-32-64-64 (pad 1), ReLU, global average pool, dense 10. */
export function cnnModel() {
  const convs = CNN.channels.slice(1).map((c, i) => new Conv2d(`conv${i + 1}`, CNN.channels[i]!, c, 3, { stride: 2, padding: 1, init: 'kaiming' }));
  const head = new Linear('head', CNN.channels[CNN.channels.length - 1]!, CNN.classes);
  return defineModel({
    name: 'bench-cnn',
    inputs: { x: { dtype: 'float32', shape: ['B', 3, CNN.size, CNN.size] } },
    targets: { y: { dtype: 'int64', shape: ['B'] } },
    forward: ({ x }) => {
      let h = x;
      for (const c of convs) h = relu(c.forward(h));
      return { logits: head.forward(globalAvgPool(h)) };
    },
    loss: ({ logits }, { y }) => crossEntropy(logits, y),
  });
}

export function cnnBatch(seed = 1) {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: CNN.batch * 3 * CNN.size * CNN.size }, () => rng.uniform(-1, 1));
  const y = BigInt64Array.from({ length: CNN.batch }, () => BigInt(rng.int(CNN.classes)));
  return { x: { data: x, dims: [CNN.batch, 3, CNN.size, CNN.size] }, y: { data: y, dims: [CNN.batch] } };
}

/**
 * Multiply-add FLOPs (2 per MAC) of the CNN step's convolutions and dense layer: the forward pass,
 * plus the backward pass's weight gradients and input gradients (none for the first layer's input).
 */
export function cnnStepFlops(): { forward: number; backward: number } {
  let size: number = CNN.size;
  let forward = 0;
  let backward = 0;
  CNN.channels.slice(1).forEach((cout, i) => {
    const cin = CNN.channels[i]!;
    size = Math.floor((size + 2 - 3) / 2) + 1;
    const f = 2 * CNN.batch * cout * size * size * cin * 9;
    forward += f;
    backward += f * (i === 0 ? 1 : 2);
  });
  const dense = 2 * CNN.batch * CNN.channels[CNN.channels.length - 1]! * CNN.classes;
  return { forward: forward + dense, backward: backward + 2 * dense };
}
