import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { normalizeAxis } from '../graph/shape.ts';
import { need, reducedShape } from './infer.ts';

interface ArgMaxAttrs {
  readonly axis: number;
  readonly keepdims: boolean;
}

/** int64 index of the maximum along `axis` (first on ties); an index, so no gradient. */
export const ArgMax: OpDef<ArgMaxAttrs> = {
  type: 'ArgMax',
  infer(inputs, attrs) {
    const x = need(inputs, 0, 'nn/ops/argMax');
    return [{ dtype: 'int64', shape: reducedShape(x.shape, [attrs.axis], attrs.keepdims) }];
  },
  attributes: (attrs) => ({ axis: attr.int(attrs.axis), keepdims: attr.int(attrs.keepdims ? 1 : 0) }),
};

export function argMax(x: Tensor, axis = -1, keepdims = false): Tensor {
  return x.graph.apply(ArgMax, [x], { axis: normalizeAxis(axis, x.rank, 'nn/ops/argMax'), keepdims })[0]!;
}
