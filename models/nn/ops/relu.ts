import type { Tensor } from '../graph/tensor.ts';
import { greater } from './compare.ts';
import { unaryOp } from './define-elementwise.ts';
import { where } from './where.ts';

/** y = max(x, 0); dx = g where x > 0, else 0 (the subgradient 0 at the kink, as PyTorch). */
export const Relu = unaryOp('Relu', (g, x) => where(greater(x, 0), g, 0));

export function relu(x: Tensor): Tensor {
  return x.graph.apply(Relu, [x], {})[0]!;
}
