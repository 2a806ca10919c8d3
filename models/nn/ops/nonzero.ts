import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { need } from './infer.ts';

/** Indices of the non-zero elements, int64 [rank, count]; used for run-time axis lists, no gradient. */
export const NonZero: OpDef = {
  type: 'NonZero',
  infer(inputs, _attrs, graph) {
    return [{ dtype: 'int64', shape: [need(inputs, 0, 'nn/ops/nonZero').rank, graph.freshDim()] }];
  },
};

export function nonZero(x: Tensor): Tensor {
  return x.graph.apply(NonZero, [x], {})[0]!;
}
