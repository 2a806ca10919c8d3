import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { staticSize } from '../graph/shape.ts';
import { cast } from './cast.ts';
import { div } from './div.ts';
import { type ReduceAttrs, applyReduce, reduceAttributes, reduceInfer, spreadGrad } from './reduce-common.ts';
import { sizeOf } from './shape.ts';

/** y = mean of x over axes; dx = g broadcast back / (number of reduced elements). */
export const ReduceMean: OpDef<ReduceAttrs> = {
  type: 'ReduceMean',
  infer: reduceInfer('nn/ops/reduceMean', true),
  attributes: reduceAttributes,
  grad: (gOut, node) => {
    const x = node.inputs[0]!;
    return [div(spreadGrad(gOut[0]!, x, node.attrs), reducedCount(x, node.outputs[0]!)), null];
  },
};

/** |x| / |y| as a scalar of x's dtype: the number of elements averaged into each output. */
export function reducedCount(x: Tensor, y: Tensor): Tensor {
  const nx = staticSize(x.shape);
  const ny = staticSize(y.shape);
  if (nx !== undefined && ny !== undefined) return x.graph.scalar(nx / ny, x.dtype);
  return div(cast(sizeOf(x), x.dtype), cast(sizeOf(y), x.dtype));
}

/** Mean over `axes` (all axes when omitted). */
export function reduceMean(x: Tensor, axes?: readonly number[], keepdims = false): Tensor {
  return applyReduce(ReduceMean, x, axes, keepdims);
}
