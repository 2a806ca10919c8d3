import type { Tensor, TensorLike } from '../graph/tensor.ts';
import { binaryOp } from './define-elementwise.ts';
import { operands } from './lift.ts';
import { log } from './log.ts';
import { mul } from './mul.ts';
import { sub } from './sub.ts';

/**
 * y = a ^ b; da = g * b * a^(b-1) (not b*y/a, which fails at a = 0), db = g * y * ln a (only where
 * the exponent needs a gradient, so constant exponents never take the log of a negative base).
 */
export const Pow = binaryOp('Pow', (g, a, b, y, needs) => [
  needs[0] ? mul(g, mul(b, pow(a, sub(b, 1)))) : null,
  needs[1] ? mul(g, mul(y, log(a))) : null,
]);

export function pow(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'nn/ops/pow');
  return x.graph.apply(Pow, [x, y], {})[0]!;
}
