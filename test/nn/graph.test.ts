/** The builder: shape inference, symbolic sizes, typed errors, and the ONNX it writes. */
import { describe, expect, it } from 'vitest';
import { Graph } from '../../models/nn/graph/graph.ts';
import { Parameter } from '../../models/nn/graph/parameter.ts';
import { toOnnx } from '../../models/nn/graph/to-onnx.ts';
import { decodeModel } from '../../models/nn/onnx/proto.ts';
import * as F from '../../models/nn/ops/index.ts';

function errorName(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).name;
  }
  return 'no error';
}

describe('graph builder', () => {
  it('infers broadcast, matmul, reshape and conv shapes, symbolic sizes included', () => {
    const g = new Graph('shapes');
    const x = g.input('x', 'float32', ['B', 'T', 8]);
    const w = g.input('w', 'float32', [8, 4]);
    const y = F.matmul(x, w);
    expect(y.shape).toEqual(['B', 'T', 4]);
    expect(F.add(y, g.input('b', 'float32', [4])).shape).toEqual(['B', 'T', 4]);
    const flat = F.reshape(y, [-1, 4]);
    expect(flat.shape).toEqual(['B*T', 4]);
    expect(F.reshape(flat, [-1, 2, 2]).shape).toEqual(['B*T', 2, 2]);
    expect(F.reshape(F.reshape(x, [-1, 8]), [0, 2, 4]).shape).toEqual(['B*T', 2, 4]);
    const img = g.input('img', 'float32', ['N', 3, 17, 16]);
    const k = g.input('k', 'float32', [5, 3, 3, 3]);
    expect(F.conv(img, k, { strides: [2, 2], pads: [1, 1] }).shape).toEqual(['N', 5, 9, 8]);
    expect(F.maxPool(img, [2, 2]).shape).toEqual(['N', 3, 8, 8]);
    expect(F.concat([x, x], 1).shape[1]).toMatch(/^\?/);
    expect(F.reduceSum(x, [1]).shape).toEqual(['B', 8]);
    expect(F.gather(w, g.input('i', 'int64', ['K', 2]), 0).shape).toEqual(['K', 2, 4]);
  });

  it('throws typed errors for misuse', () => {
    const g = new Graph('a');
    const x = g.input('x', 'float32', [2, 3]);
    expect(errorName(() => F.add(x, g.input('y', 'float32', [4])))).toBe('ShapeError');
    expect(errorName(() => F.matmul(x, g.input('z', 'float32', [4, 2])))).toBe('ShapeError');
    expect(errorName(() => F.add(x, g.input('i', 'int64', [2, 3])))).toBe('ShapeError');
    expect(errorName(() => g.input('x', 'float32', [1]))).toBe('GraphError');
    const other = new Graph('b');
    expect(errorName(() => F.add(x, other.input('x', 'float32', [2, 3])))).toBe('GraphError');
    expect(errorName(() => F.reshape(x, [4, 2]))).toBe('ShapeError');
    expect(errorName(() => F.transpose(x, [0, 0]))).toBe('ShapeError');
    expect(errorName(() => toOnnx(new Graph('empty')))).toBe('GraphError');
    const p1 = new Parameter('w', [2], { init: { kind: 'constant', value: 0 } });
    const p2 = new Parameter('w', [2], { init: { kind: 'constant', value: 1 } });
    expect(g.param(p1)).toBe(g.param(p1));
    expect(errorName(() => g.param(p2))).toBe('GraphError');
    expect(errorName(() => new Parameter('bad name', [2], { init: { kind: 'constant', value: 0 } }))).toBe('GraphError');
  });

  it('writes opset 18 ONNX that decodes back, keeping only live nodes and constants', () => {
    const g = new Graph('io');
    const x = g.input('x', 'float32', ['N', 3]);
    F.exp(x); // dead
    g.output('y', F.mul(F.relu(x), 2));
    const model = decodeModel(toOnnx(g));
    expect(model.opsetImport).toEqual([{ domain: '', version: 18 }]);
    expect(model.irVersion).toBe(8);
    expect(model.graph.node.map((n) => n.opType)).toEqual(['Relu', 'Mul', 'Identity']);
    expect(model.graph.initializer).toHaveLength(1);
    expect(model.graph.input[0]!.type.tensorType.shape!.dim).toEqual([{ dimParam: 'N' }, { dimValue: 3 }]);
    expect(model.graph.output.map((o) => o.name)).toEqual(['y']);
  });
});
