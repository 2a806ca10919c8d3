import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { type ReduceAttrs, applyReduce, reduceAttributes, reduceInfer, spreadGrad } from './reduce-common.ts';

/** y = sum of x over axes; dx = g broadcast back over the reduced axes. */
export const ReduceSum: OpDef<ReduceAttrs> = {
  type: 'ReduceSum',
  infer: reduceInfer('nn/ops/reduceSum', false),
  attributes: reduceAttributes,
  grad: (gOut, node) => [spreadGrad(gOut[0]!, node.inputs[0]!, node.attrs), null],
};

/** Sum over `axes` (all axes when omitted). */
export function reduceSum(x: Tensor, axes?: readonly number[], keepdims = false): Tensor {
  return applyReduce(ReduceSum, x, axes, keepdims);
}

/** Sum over axes listed at run time (int64 1-D; empty = no reduction), keeping dims. */
export function reduceSumDynamic(x: Tensor, axes: Tensor): Tensor {
  return x.graph.apply(ReduceSum, [x, axes], { axes: 'dynamic', keepdims: true })[0]!;
}
