import type { Tensor } from '../graph/tensor.ts';
import { cast } from './cast.ts';
import { greater } from './compare.ts';
import { unaryOp } from './define-elementwise.ts';
import { mul } from './mul.ts';

/**
 * y = max(x, 0); dx = g * [y > 0] (0 at the kink, as PyTorch). The mask is read from the output,
 * not the input, so the producer of x (a Conv or Gemm) keeps a single consumer and ORT can fuse the
 * activation into it; Mul by a cast mask measured faster than Where in ORT's CPU kernels.
 */
export const Relu = unaryOp('Relu', (g, _x, y) => mul(g, cast(greater(y, 0), g.dtype)));

export function relu(x: Tensor): Tensor {
  return x.graph.apply(Relu, [x], {})[0]!;
}
