import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import type { Dim } from '../graph/shape.ts';
import { need, requireSameDType } from './infer.ts';

interface RangeAttrs {
  readonly length: Dim;
}

/** [start, start + delta, ...) below limit; integer index helper, no gradient. */
export const Range: OpDef<RangeAttrs> = {
  type: 'Range',
  infer(inputs, attrs) {
    const start = need(inputs, 0, 'nn/ops/range');
    requireSameDType(start, need(inputs, 1, 'nn/ops/range'), 'nn/ops/range');
    return [{ dtype: start.dtype, shape: [attrs.length] }];
  },
};

/** 0, 1, ..., n-1 as int64, where n is an int64 scalar tensor; `length` is its symbolic size. */
export function arange(n: Tensor, length: Dim): Tensor {
  const g = n.graph;
  return g.apply(Range, [g.scalar(0, 'int64'), n, g.scalar(1, 'int64')], { length })[0]!;
}
