import type { Tensor } from '../graph/tensor.ts';
import { unaryOp } from './define-elementwise.ts';
import { exp } from './exp.ts';
import { mul } from './mul.ts';
import { neg } from './neg.ts';

/** y = erf x (for exact GELU); dx = g * 2/sqrt(pi) * e^(-x^2). */
export const Erf = unaryOp('Erf', (g, x) => mul(g, mul(exp(neg(mul(x, x))), 2 / Math.sqrt(Math.PI))));

export function erf(x: Tensor): Tensor {
  return x.graph.apply(Erf, [x], {})[0]!;
}
