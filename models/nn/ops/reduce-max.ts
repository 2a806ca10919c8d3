import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { cast } from './cast.ts';
import { equal } from './compare.ts';
import { div } from './div.ts';
import { expandLike } from './expand.ts';
import { type ReduceAttrs, applyReduce, keepdimsGrad, reduceAttributes, reduceInfer } from './reduce-common.ts';
import { reduceSum } from './reduce-sum.ts';
import { where } from './where.ts';

/**
 * y = max of x over axes. The gradient goes to the elements equal to the max, split evenly between
 * ties (the convention of TensorFlow and JAX): dx = [x == y] * g / count(x == y).
 */
export const ReduceMax: OpDef<ReduceAttrs> = {
  type: 'ReduceMax',
  infer: reduceInfer('nn/ops/reduceMax', false),
  attributes: reduceAttributes,
  grad: (gOut, node) => {
    const x = node.inputs[0]!;
    const axes = node.attrs.axes;
    const yk = keepdimsGrad(node.outputs[0]!, node.attrs);
    const isMax = equal(x, expandLike(yk, x));
    const ties = axes === 'dynamic' ? null : reduceSum(cast(isMax, x.dtype), axes, true);
    const gk = keepdimsGrad(gOut[0]!, node.attrs);
    return [where(isMax, ties ? div(gk, ties) : gk, 0), null];
  },
};

/** Max over `axes` (all axes when omitted). */
export function reduceMax(x: Tensor, axes?: readonly number[], keepdims = false): Tensor {
  return applyReduce(ReduceMax, x, axes, keepdims);
}
