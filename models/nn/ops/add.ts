import type { Tensor, TensorLike } from '../graph/tensor.ts';
import { binaryOp } from './define-elementwise.ts';
import { operands } from './lift.ts';

/** y = a + b (broadcasting). dy/da = dy/db = 1. */
export const Add = binaryOp('Add', (g) => [g, g]);

export function add(a: TensorLike, b: TensorLike): Tensor {
  const [x, y] = operands(a, b, 'nn/ops/add');
  return x.graph.apply(Add, [x, y], {})[0]!;
}
