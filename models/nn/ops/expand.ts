import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { type Shape, broadcastShapes, shapesEqual } from '../graph/shape.ts';
import { need, requireDType } from './infer.ts';
import { shapeOf } from './shape.ts';

interface ExpandAttrs {
  readonly outShape: Shape;
}

/** y = x broadcast to a shape. The rule passes g through; the engine sums it back to x's shape. */
export const Expand: OpDef<ExpandAttrs> = {
  type: 'Expand',
  infer(inputs, attrs) {
    const x = need(inputs, 0, 'nn/ops/expand');
    requireDType(need(inputs, 1, 'nn/ops/expand'), ['int64'], 'nn/ops/expand');
    return [{ dtype: x.dtype, shape: attrs.outShape }];
  },
  grad: (gOut) => [gOut[0]!, null],
};

/** x broadcast to the static shape `dims`. */
export function expand(x: Tensor, dims: readonly number[]): Tensor {
  const outShape = broadcastShapes(x.shape, dims, () => x.graph.freshDim(), 'nn/ops/expand');
  if (shapesEqual(outShape, x.shape)) return x;
  return x.graph.apply(Expand, [x, x.graph.ints(dims)], { outShape })[0]!;
}

/** x broadcast against the shape of `like`. */
export function expandLike(x: Tensor, like: Tensor): Tensor {
  const outShape = broadcastShapes(x.shape, like.shape, () => x.graph.freshDim(), 'nn/ops/expand');
  if (shapesEqual(outShape, x.shape)) return x;
  return x.graph.apply(Expand, [x, shapeOf(like)], { outShape })[0]!;
}
