import type { Tensor } from '../graph/tensor.ts';
import { unaryOp } from './define-elementwise.ts';
import { mul } from './mul.ts';
import { sub } from './sub.ts';

/**
 * y = 1 / (1 + e^-x); dx = g * y * (1 - y). A primitive rather than a composition because ORT's
 * kernel is stable for large |x| (the composition overflows e^-x for x << 0) and is one pass.
 */
export const Sigmoid = unaryOp('Sigmoid', (g, _x, y) => mul(g, mul(y, sub(1, y))));

export function sigmoid(x: Tensor): Tensor {
  return x.graph.apply(Sigmoid, [x], {})[0]!;
}
