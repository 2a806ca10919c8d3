import type { Tensor, TensorLike } from '../graph/tensor.ts';
import { binaryOp } from './define-elementwise.ts';
import { operands } from './lift.ts';

/** y = a * b; da = g * b, db = g * a. */
export const Mul = binaryOp('Mul', (g, a, b, _y, needs) => [needs[0] ? mul(g, b) : null, needs[1] ? mul(g, a) : null]);

export function mul(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'nn/ops/mul');
  return x.graph.apply(Mul, [x, y], {})[0]!;
}
