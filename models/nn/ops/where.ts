import type { OpDef } from '../graph/op.ts';
import type { Tensor, TensorLike } from '../graph/tensor.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { broadcastInfo, need, requireDType, requireSameDType } from './infer.ts';
import { lift } from './lift.ts';

/** y = cond ? a : b (broadcasting); da = where(cond, g, 0), db = where(cond, 0, g); cond has none. */
export const Where: OpDef = {
  type: 'Where',
  infer(inputs, _attrs, graph) {
    const where = 'nn/ops/where';
    const [c, a, b] = [0, 1, 2].map((i) => need(inputs, i, where)) as [Tensor, Tensor, Tensor];
    requireDType(c, ['bool'], where);
    requireSameDType(a, b, where);
    return broadcastInfo([c, a, b], graph, where, a.dtype);
  },
  grad(gOut, node, needs) {
    const g = gOut[0]!;
    const cond = node.inputs[0]!;
    return [null, needs[1] ? where(cond, g, 0) : null, needs[2] ? where(cond, 0, g) : null];
  },
};

export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (typeof a === 'number' && typeof b === 'number') throw new ShapeError('nn/ops/where: a or b must be a tensor');
  const ta = typeof a === 'number' ? lift(a, b as Tensor) : a;
  const tb = lift(b, ta);
  return cond.graph.apply(Where, [cond, ta, tb], {})[0]!;
}
