import type { Tensor, TensorLike } from '../graph/tensor.ts';
import { greaterOrEqual } from './compare.ts';
import { binaryOp } from './define-elementwise.ts';
import { operands } from './lift.ts';
import { where } from './where.ts';

/** y = max(a, b) elementwise; the gradient goes to a where a >= b (ties to a), else to b. */
export const Max = binaryOp('Max', (g, a, b, _y, needs) => {
  const aWins = greaterOrEqual(a, b);
  return [needs[0] ? where(aWins, g, 0) : null, needs[1] ? where(aWins, 0, g) : null];
});

export function max(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'nn/ops/max');
  return x.graph.apply(Max, [x, y], {})[0]!;
}
