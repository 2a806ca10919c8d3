import type { Tensor, TensorLike } from '../graph/tensor.ts';
import { lessOrEqual } from './compare.ts';
import { binaryOp } from './define-elementwise.ts';
import { operands } from './lift.ts';
import { where } from './where.ts';

/** y = min(a, b) elementwise; the gradient goes to a where a <= b (ties to a), else to b. */
export const Min = binaryOp('Min', (g, a, b, _y, needs) => {
  const aWins = lessOrEqual(a, b);
  return [needs[0] ? where(aWins, g, 0) : null, needs[1] ? where(aWins, 0, g) : null];
});

export function min(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'nn/ops/min');
  return x.graph.apply(Min, [x, y], {})[0]!;
}
