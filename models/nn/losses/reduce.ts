/** The reductions shared by the losses: 'mean' (optionally weighted), 'sum', or 'none'. */
import type { Tensor } from '../graph/tensor.ts';
import { staticSize } from '../graph/shape.ts';
import { cast, dimOf, div, expandLike, max, mul, reduceMean, reduceSum, reshape, sizeOf } from '../ops/index.ts';

export type Reduction = 'mean' | 'sum' | 'none';

/**
 * Reduces per-element losses. With weights (broadcastable to the losses, e.g. a 0/1 mask), 'mean' is
 * sum(w l) / sum(w) (0 when all weights are 0) and 'sum' is sum(w l).
 */
export function reduceLoss(losses: Tensor, reduction: Reduction, weights?: Tensor): Tensor {
  const weighted = weights ? mul(losses, weights) : losses;
  if (reduction === 'none') return weighted;
  if (reduction === 'sum') return reduceSum(weighted);
  if (!weights) return reduceMean(weighted);
  return div(reduceSum(weighted), max(reduceSum(expandLike(weights, losses)), 1e-12));
}

/** The size of axis `axis` of x as a scalar of x's dtype (a constant when static). */
export function sizeAlong(x: Tensor, axis: number): Tensor {
  const d = x.shape[axis < 0 ? axis + x.rank : axis];
  if (typeof d === 'number') return x.graph.scalar(d, x.dtype);
  return reshape(cast(dimOf(x, axis), x.dtype), []);
}

/** The element count of x as a scalar of x's dtype. */
export function countOf(x: Tensor): Tensor {
  const n = staticSize(x.shape);
  return n !== undefined ? x.graph.scalar(n, x.dtype) : cast(sizeOf(x), x.dtype);
}
