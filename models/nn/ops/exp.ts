import type { Tensor } from '../graph/tensor.ts';
import { unaryOp } from './define-elementwise.ts';
import { mul } from './mul.ts';

/** y = e^x; dx = g * y. */
export const Exp = unaryOp('Exp', (g, _x, y) => mul(g, y));

export function exp(x: Tensor): Tensor {
  return x.graph.apply(Exp, [x], {})[0]!;
}
