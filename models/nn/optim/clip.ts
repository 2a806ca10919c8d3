import type { Tensor } from '../graph/tensor.ts';
import { add, cast, div, min, mul, reduceSum, sqrt, sum } from '../ops/index.ts';

/** sqrt(sum over all gradients of g^2), in the dtype of the first gradient. */
export function globalNorm(grads: readonly Tensor[]): Tensor {
  const dtype = grads[0]!.dtype;
  return sqrt(sum(grads.map((g) => cast(reduceSum(mul(g, g)), dtype))));
}

/**
 * Global-norm clipping (torch.nn.utils.clip_grad_norm_): every gradient is scaled by
 * min(1, maxNorm / (norm + 1e-6)). Returns the scaled gradients and the norm before clipping.
 */
export function clipByGlobalNorm(grads: readonly Tensor[], maxNorm: number): { grads: Tensor[]; norm: Tensor } {
  const norm = globalNorm(grads);
  const scale = min(div(maxNorm, add(norm, 1e-6)), 1);
  return { grads: grads.map((g) => mul(g, cast(scale, g.dtype))), norm };
}
