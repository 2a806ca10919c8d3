import type { Tensor } from '../graph/tensor.ts';
import { unaryOp } from './define-elementwise.ts';
import { mul } from './mul.ts';
import { neg } from './neg.ts';

/** y = 1 / x; dx = -g * y^2. */
export const Reciprocal = unaryOp('Reciprocal', (g, _x, y) => neg(mul(g, mul(y, y))));

export function reciprocal(x: Tensor): Tensor {
  return x.graph.apply(Reciprocal, [x], {})[0]!;
}
