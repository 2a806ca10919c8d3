import type { Tensor } from '../graph/tensor.ts';
import { reduceMax, reduceMean } from '../ops/index.ts';

/** Mean over the spatial axes: [N, C, H, W] -> [N, C]. */
export function globalAvgPool(x: Tensor): Tensor {
  return reduceMean(x, [2, 3]);
}

/** Max over the spatial axes: [N, C, H, W] -> [N, C]. */
export function globalMaxPool(x: Tensor): Tensor {
  return reduceMax(x, [2, 3]);
}
