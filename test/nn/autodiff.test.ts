/** The engine's own duties: accumulation, un-broadcasting, typed errors for missing or malformed rules. */
import { describe, expect, it } from 'vitest';
import { Graph } from '../../models/nn/graph/graph.ts';
import type { OpDef } from '../../models/nn/graph/op.ts';
import { gradients, sumToShape } from '../../models/nn/autodiff/index.ts';
import * as F from '../../models/nn/ops/index.ts';
import { toModelJson } from '../../models/nn/graph/to-onnx.ts';
import { runGraph } from './helpers/index.ts';

const f64 = (...v: number[]) => Float64Array.from(v);

describe('autodiff engine', () => {
  it('treats stopGradient values as constants: d/dx [stop(x) * x] = x', async () => {
    const g = new Graph('stop', { training: true });
    const x = g.input('x', 'float64', [3]);
    const [dx] = gradients(F.reduceSum(F.mul(F.stopGradient(x), x)), [x]);
    g.output('dx', dx!);
    const out = await runGraph(g, { x: { data: f64(1, -2, 3), dims: [3] } });
    expect(Array.from(out.dx!.data as Float64Array)).toEqual([1, -2, 3]);
  });

  it('sums every contribution to a value used many times', async () => {
    const g = new Graph('reuse', { training: true });
    const x = g.input('x', 'float64', [2]);
    // y = x + x + x*x + exp(0 * x) -> dy/dx = 2 + 2x
    const y = F.reduceSum(F.sum([x, x, F.mul(x, x), F.exp(F.mul(x, 0))]));
    const [dx] = gradients(y, [x]);
    g.output('dx', dx!);
    const out = await runGraph(g, { x: { data: f64(0.5, -3), dims: [2] } });
    expect(Array.from(out.dx!.data as Float64Array)).toEqual([3, -4]);
  });

  it('folds a gather gradient (scatter into zeros) into the other contributions', () => {
    const g = new Graph('fold', { training: true });
    const x = g.input('x', 'float32', ['N', 4]);
    const idx = g.input('i', 'int64', ['E']);
    const [dx] = gradients(F.reduceSum(F.add(F.reduceSum(F.gather(x, idx), [0], true), F.mul(x, x))), [x]);
    g.output('dx', dx!);
    const model = toModelJson(g);
    const types = model.graph.node.map((n) => n.opType);
    expect(types.filter((t) => t === 'ScatterND')).toHaveLength(1);
    expect(types).not.toContain('ConstantOfShape');
  });

  it('returns null for tensors the output does not depend on, and for integer inputs', () => {
    const g = new Graph('null', { training: true });
    const x = g.input('x', 'float32', [2]);
    const unused = g.input('u', 'float32', [2]);
    const idx = g.input('i', 'int64', [2]);
    const y = F.reduceSum(F.gather(x, idx));
    expect(gradients(y, [unused, idx]).every((t) => t === null)).toBe(true);
  });

  it('un-broadcasts statically when the shapes say which axes were broadcast', () => {
    const g = new Graph('ub');
    const grad = g.input('g', 'float32', ['N', 4, 3]);
    const bias = g.input('b', 'float32', [1, 3]);
    const r = sumToShape(grad, bias);
    expect(r.shape).toEqual([1, 3]);
    expect(g.nodes.map((n) => n.op.type)).toEqual(['ReduceSum', 'Squeeze']);
  });

  it('un-broadcasts at run time when symbolic sizes leave it open', async () => {
    const g = new Graph('ub-dyn');
    const grad = g.input('g', 'float64', ['A', 'B']);
    const like = g.input('l', 'float64', ['C', 'D']);
    g.output('r', sumToShape(grad, like));
    expect(g.nodes.some((n) => n.op.type === 'NonZero')).toBe(true);
    const out = await runGraph(g, { g: { data: f64(1, 2, 3, 4, 5, 6), dims: [2, 3] }, l: { data: f64(0, 0), dims: [2, 1] } });
    expect(out.r!.dims).toEqual([2, 1]);
    expect(Array.from(out.r!.data as Float64Array)).toEqual([6, 15]);
  });

  it('throws AutodiffError naming the op when a rule is missing or has the wrong arity', () => {
    const noRule: OpDef = { type: 'Floor', infer: (inputs) => [{ dtype: inputs[0]!.dtype, shape: inputs[0]!.shape }] };
    const badRule: OpDef = { ...noRule, type: 'Ceil', grad: () => [] };
    for (const op of [noRule, badRule]) {
      const g = new Graph('err', { training: true });
      const x = g.input('x', 'float32', [2]);
      const y = F.reduceSum(g.apply(op, [x], {})[0]!);
      try {
        gradients(y, [x]);
        expect.unreachable();
      } catch (e) {
        expect((e as Error).name).toBe('AutodiffError');
        expect((e as Error).message).toContain(op.type);
      }
    }
  });

  it('refuses non-scalar outputs without a seed', () => {
    const g = new Graph('seed', { training: true });
    const x = g.input('x', 'float32', [2]);
    expect(() => gradients(F.exp(x), [x])).toThrowError(/seed/);
    const [dx] = gradients(F.exp(x), [x], { seed: g.input('dy', 'float32', [2]) });
    expect(dx!.shape).toEqual([2]);
  });
});
