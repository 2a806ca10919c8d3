import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { broadcastShapes, formatShape } from '../graph/shape.ts';
import { need, requireFloat, requireSameDType } from './infer.ts';
import { reshape } from './reshape.ts';
import { transpose, transposeLast2 } from './transpose.ts';

/**
 * y = a @ b over the last two axes, batch axes broadcasting: a [..., M, K], b [..., K, N] -> [..., M, N].
 * da = g @ b^T, db = a^T @ g, with explicit Transposes (transposed-operand flags make slow backward
 * kernels in some engines). A rank-2 b under a batched a (a Linear layer on [B, T, F]) gets its
 * gradient as one GEMM over the flattened batch, [K, B*T] @ [B*T, N], instead of a batched product
 * followed by a sum over the batch.
 */
export const MatMul: OpDef = {
  type: 'MatMul',
  infer(inputs, _attrs, graph) {
    const where = 'nn/ops/matmul';
    const a = need(inputs, 0, where);
    const b = need(inputs, 1, where);
    requireFloat(a, where);
    requireSameDType(a, b, where);
    if (a.rank < 2 || b.rank < 2) throw new ShapeError(`${where}: operands need rank >= 2, got ${formatShape(a.shape)} @ ${formatShape(b.shape)}`);
    const ka = a.shape[a.rank - 1]!;
    const kb = b.shape[b.rank - 2]!;
    if (typeof ka === 'number' && typeof kb === 'number' && ka !== kb) {
      throw new ShapeError(`${where}: inner dims differ in ${formatShape(a.shape)} @ ${formatShape(b.shape)}`);
    }
    const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), () => graph.freshDim(), where);
    return [{ dtype: a.dtype, shape: [...batch, a.shape[a.rank - 2]!, b.shape[b.rank - 1]!] }];
  },
  grad(gOut, node, needs) {
    const g = gOut[0]!;
    const [a, b] = node.inputs as [Tensor, Tensor];
    const da = needs[0] ? matmul(g, transposeLast2(b)) : null;
    let db: Tensor | null = null;
    if (needs[1]) {
      const k = a.shape[a.rank - 1];
      const n = b.shape[1];
      if (b.rank === 2 && a.rank > 2 && typeof k === 'number' && typeof n === 'number') {
        db = matmul(transpose(reshape(a, [-1, k]), [1, 0]), reshape(g, [-1, n]));
      } else {
        db = matmul(transposeLast2(a), g);
      }
    }
    return [da, db];
  },
};

export function matmul(a: Tensor, b: Tensor): Tensor {
  return a.graph.apply(MatMul, [a, b], {})[0]!;
}
