import type { Tensor, TensorLike } from '../graph/tensor.ts';
import { binaryOp } from './define-elementwise.ts';
import { operands } from './lift.ts';
import { mul } from './mul.ts';
import { neg } from './neg.ts';

/** y = a / b; da = g / b, db = -g * y / b (reusing the output saves a square). */
export const Div = binaryOp('Div', (g, _a, b, y, needs) => [
  needs[0] ? div(g, b) : null,
  needs[1] ? neg(div(mul(g, y), b)) : null,
]);

export function div(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'nn/ops/div');
  return x.graph.apply(Div, [x, y], {})[0]!;
}
