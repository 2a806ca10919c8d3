/**
 * `node bin/run-ts.js bench/nn/conv-grad.ts [threads] [methods]`: the convolution weight gradient of
 * each bench CNN layer under every formulation, timed interleaved (so load from other processes hits
 * all alike); prints median ms per layer and method.
 */
import { Tensor as OrtTensor } from 'onnxruntime-node';
import { Graph } from '../../models/nn/graph/graph.ts';
import { toOnnx } from '../../models/nn/graph/to-onnx.ts';
import { convWeightGrad, reduceSum } from '../../models/nn/ops/index.ts';
import type { WeightGradMethod } from '../../models/nn/ops/index.ts';
import { createSession } from '../../models/nn/runtime/index.ts';
import { CNN } from './models.ts';
import { median } from './timing.ts';

const threads = Number(process.argv[2] ?? 1);
const methods = (process.argv[3] ?? 'im2col-conv,permuted-conv').split(',') as WeightGradMethod[];

let size: number = CNN.size;
for (let layer = 0; layer < CNN.channels.length - 1; layer++) {
  const [c, f] = [CNN.channels[layer]!, CNN.channels[layer + 1]!];
  const out = Math.floor((size + 2 - 3) / 2) + 1;
  const attrs = { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], dilations: [1, 1], group: 1 } as const;
  const feeds = {
    x: new OrtTensor('float32', Float32Array.from({ length: CNN.batch * c * size * size }, (_, i) => Math.sin(i)), [CNN.batch, c, size, size]),
    g: new OrtTensor('float32', Float32Array.from({ length: CNN.batch * f * out * out }, (_, i) => Math.cos(i)), [CNN.batch, f, out, out]),
  };
  const sessions = [];
  for (const m of methods) {
    const g = new Graph(m);
    const x = g.input('x', 'float32', [CNN.batch, c, size, size]);
    const gy = g.input('g', 'float32', [CNN.batch, f, out, out]);
    g.output('dw', reduceSum(convWeightGrad(x, gy, attrs, m), [1, 2, 3]));
    sessions.push(await createSession(toOnnx(g), { threads }));
  }
  const times: number[][] = methods.map(() => []);
  for (let r = 0; r < 15; r++) {
    for (let k = 0; k < sessions.length; k++) {
      const t0 = performance.now();
      await sessions[k]!.run(feeds);
      times[k]!.push(performance.now() - t0);
    }
  }
  const flops = 2 * CNN.batch * f * out * out * c * 9;
  const cells = methods.map((m, k) => {
    const ms = median(times[k]!.slice(3));
    return `${m} ${ms.toFixed(2)} ms (${(flops / ms / 1e6).toFixed(1)} GFLOP/s)`;
  });
  console.log(`layer ${layer + 1} ${c}->${f} @${size}: ${cells.join(' | ')}`);
  for (const s of sessions) await s.release();
  size = out;
}
