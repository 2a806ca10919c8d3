import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { need } from './infer.ts';

interface TransposeAttrs {
  readonly perm: readonly number[];
}

/** y = x with axes permuted: y.shape[i] = x.shape[perm[i]]; dx = transpose(g, inverse(perm)). */
export const Transpose: OpDef<TransposeAttrs> = {
  type: 'Transpose',
  infer(inputs, attrs) {
    const x = need(inputs, 0, 'nn/ops/transpose');
    const sorted = [...attrs.perm].sort((a, b) => a - b);
    if (attrs.perm.length !== x.rank || sorted.some((p, i) => p !== i)) {
      throw new ShapeError(`nn/ops/transpose: [${attrs.perm.join(', ')}] is not a permutation of rank ${x.rank}`);
    }
    return [{ dtype: x.dtype, shape: attrs.perm.map((p) => x.shape[p]!) }];
  },
  attributes: (attrs) => ({ perm: attr.ints(attrs.perm) }),
  grad: (gOut, node) => [transpose(gOut[0]!, inversePermutation(node.attrs.perm))],
};

export function inversePermutation(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

export function transpose(x: Tensor, perm: readonly number[]): Tensor {
  if (perm.every((p, i) => p === i)) return x;
  return x.graph.apply(Transpose, [x], { perm: [...perm] })[0]!;
}

/** Swaps the last two axes (matrix transpose over a batch). */
export function transposeLast2(x: Tensor): Tensor {
  const perm = x.shape.map((_, i) => i);
  const r = x.rank;
  if (r < 2) throw new ShapeError(`nn/ops/transpose: ${x.name} needs rank >= 2`);
  [perm[r - 2], perm[r - 1]] = [r - 1, r - 2];
  return transpose(x, perm);
}
