import { describe, expect, it } from 'vitest';
import { Graph } from '../../models/nn/graph/graph.ts';
import { add, matmul, mul, reduceSum, relu } from '../../models/nn/ops/index.ts';
import { gradients } from '../../models/nn/autodiff/index.ts';
import { runGraph } from './helpers/session.ts';

describe('smoke', () => {
  it('builds, differentiates and runs a tiny graph', async () => {
    const g = new Graph('smoke', { training: true });
    const x = g.input('x', 'float32', ['N', 3]);
    const w = g.input('w', 'float32', [3, 2]);
    const b = g.input('b', 'float32', [2]);
    const y = relu(add(matmul(x, w), b));
    const loss = reduceSum(mul(y, y));
    const [dw, db] = gradients(loss, [w, b]);
    g.output('loss', loss);
    g.output('dw', dw!);
    g.output('db', db!);
    const out = await runGraph(g, {
      x: { data: Float32Array.from([1, 2, 3, -1, 0, 1]), dims: [2, 3] },
      w: { data: Float32Array.from([1, 0, 0, 1, 1, 1]), dims: [3, 2] },
      b: { data: Float32Array.from([0, -10]), dims: [2] },
    });
    // y = relu(x @ w + b): row0 = [1+3, 2+3-10] = [4, 0]; row1 = [-1+1, 0+1-10] = [0, 0]
    expect(Array.from(out.loss!.data as Float32Array)).toEqual([16]);
    expect(Array.from(out.db!.data as Float32Array)).toEqual([8, 0]);
    expect(Array.from(out.dw!.data as Float32Array)).toEqual([8, 0, 16, 0, 24, 0]);
  });
});
