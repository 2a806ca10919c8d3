import type { Tensor } from '../graph/tensor.ts';
import { unaryOp } from './define-elementwise.ts';
import { mul } from './mul.ts';
import { sub } from './sub.ts';

/** y = tanh x; dx = g * (1 - y^2). */
export const Tanh = unaryOp('Tanh', (g, _x, y) => mul(g, sub(1, mul(y, y))));

export function tanh(x: Tensor): Tensor {
  return x.graph.apply(Tanh, [x], {})[0]!;
}
