import { ShapeError } from '../errors/shape-error.ts';
import type { Tensor } from '../graph/tensor.ts';
import { expand, reshape, unsqueeze } from '../ops/index.ts';

/**
 * Nearest-neighbour upsampling of NCHW by an integer factor f, as broadcasting:
 * [N, C, H, W] -> [N, C, H, 1, W, 1] -> [N, C, H, f, W, f] -> [N, C, fH, fW]. Its gradient (through
 * Expand) sums each f x f block. Needs a static H or W.
 */
export function upsampleNearest(x: Tensor, factor = 2): Tensor {
  if (x.rank !== 4 || !Number.isInteger(factor) || factor < 1) {
    throw new ShapeError('nn/functional/upsampleNearest: needs an NCHW input and a positive integer factor');
  }
  if (factor === 1) return x;
  const [h, w] = [x.shape[2], x.shape[3]];
  const spread = expand(unsqueeze(x, [3, 5]), [1, 1, 1, factor, 1, factor]);
  if (typeof w === 'number') return reshape(spread, [0, 0, -1, w * factor]);
  if (typeof h === 'number') return reshape(spread, [0, 0, h * factor, -1]);
  throw new ShapeError('nn/functional/upsampleNearest: H or W must be static');
}
