import type { Tensor } from '../graph/tensor.ts';
import { unaryOp } from './define-elementwise.ts';

/** y = -x; dx = -g. */
export const Neg = unaryOp('Neg', (g) => neg(g), { floatOnly: false });

export function neg(x: Tensor): Tensor {
  return x.graph.apply(Neg, [x], {})[0]!;
}
