/** Lifting plain numbers into scalar constants of the other operand's dtype. */
import { GraphError } from '../errors/graph-error.ts';
import type { Tensor, TensorLike } from '../graph/tensor.ts';

export function lift(x: TensorLike, like: Tensor): Tensor {
  return typeof x === 'number' ? like.graph.scalar(x, like.dtype) : x;
}

/** Two operands with at least one tensor; a number takes the tensor's dtype. */
export function operands(a: TensorLike, b: TensorLike, where: string): [Tensor, Tensor] {
  if (typeof a === 'number' && typeof b === 'number') throw new GraphError(`${where}: at least one operand must be a tensor`);
  const ta = typeof a === 'number' ? lift(a, b as Tensor) : a;
  const tb = lift(b, ta);
  return [ta, tb];
}
