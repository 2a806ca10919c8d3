import type { Tensor, TensorLike } from '../graph/tensor.ts';
import { binaryOp } from './define-elementwise.ts';
import { operands } from './lift.ts';
import { neg } from './neg.ts';

/** y = a - b; da = g, db = -g. */
export const Sub = binaryOp('Sub', (g, _a, _b, _y, needs) => [g, needs[1] ? neg(g) : null]);

export function sub(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'nn/ops/sub');
  return x.graph.apply(Sub, [x, y], {})[0]!;
}
