/** MatMul 512^3 through onnxruntime-node: the CPU's dense throughput as the engine sees it. */
import { Tensor as OrtTensor } from 'onnxruntime-node';
import { Graph } from '../../models/nn/graph/graph.ts';
import { toOnnx } from '../../models/nn/graph/to-onnx.ts';
import { matmul } from '../../models/nn/ops/index.ts';
import { createSession } from '../../models/nn/runtime/index.ts';
import { timeIt } from './timing.ts';

export async function benchMatmul(n: number, threads: number): Promise<{ ms: number; gflops: number; bestGflops: number }> {
  const g = new Graph('matmul');
  g.output('c', matmul(g.input('a', 'float32', [n, n]), g.input('b', 'float32', [n, n])));
  const session = await createSession(toOnnx(g), { threads });
  const a = new OrtTensor('float32', Float32Array.from({ length: n * n }, (_, i) => Math.sin(i)), [n, n]);
  const b = new OrtTensor('float32', Float32Array.from({ length: n * n }, (_, i) => Math.cos(i)), [n, n]);
  const { ms, best } = await timeIt(() => session.run({ a, b }), { warmup: 5, runs: 15, iterations: 10 });
  await session.release();
  return { ms, gflops: (2 * n ** 3) / (ms * 1e6), bestGflops: (2 * n ** 3) / (best * 1e6) };
}
