import type { Tensor } from '../graph/tensor.ts';
import { unaryOp } from './define-elementwise.ts';
import { div } from './div.ts';
import { mul } from './mul.ts';

/** y = sqrt x; dx = g / (2 y). */
export const Sqrt = unaryOp('Sqrt', (g, _x, y) => div(mul(g, 0.5), y));

export function sqrt(x: Tensor): Tensor {
  return x.graph.apply(Sqrt, [x], {})[0]!;
}
