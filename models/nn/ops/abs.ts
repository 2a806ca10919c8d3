import type { Tensor } from '../graph/tensor.ts';
import { unaryOp } from './define-elementwise.ts';
import { mul } from './mul.ts';
import { sign } from './sign.ts';

/** y = |x|; dx = g * sign(x) (0 at the kink). */
export const Abs = unaryOp('Abs', (g, x) => mul(g, sign(x)), { floatOnly: false });

export function abs(x: Tensor): Tensor {
  return x.graph.apply(Abs, [x], {})[0]!;
}
