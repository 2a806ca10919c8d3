import { ShapeError } from '../errors/shape-error.ts';
import type { Tensor } from '../graph/tensor.ts';
import { add, div, mul, reduceMean, reshape, reshapeLike, sqrt, sub } from '../ops/index.ts';

/**
 * Group normalization (Wu & He) over NCHW: channels split into G groups, each normalized over its
 * channels and positions, then a per-channel affine map:
 *   y = (x - mean_g) / sqrt(var_g + eps) * scale[c] + bias[c].
 * A batch-size-independent normalizer for CNNs trained with small batches. Shapes: x [N, C, H, W],
 * scale and bias [C] -> [N, C, H, W].
 */
export function groupNorm(x: Tensor, groups: number, scale: Tensor, bias: Tensor, epsilon = 1e-5): Tensor {
  const c = x.shape[1];
  if (x.rank !== 4 || typeof c !== 'number' || c % groups !== 0) {
    throw new ShapeError(`nn/functional/groupNorm: needs NCHW with a static channel count divisible by ${groups}`);
  }
  const grouped = reshape(x, [0, groups, -1]);
  const centered = sub(grouped, reduceMean(grouped, [2], true));
  const variance = reduceMean(mul(centered, centered), [2], true);
  const normed = reshapeLike(div(centered, sqrt(add(variance, epsilon))), x);
  return add(mul(normed, reshape(scale, [c, 1, 1])), reshape(bias, [c, 1, 1]));
}
