import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { normalizeAxis } from '../graph/shape.ts';
import { likeInput, need, requireFloat } from './infer.ts';
import { mul } from './mul.ts';
import { reduceSum } from './reduce-sum.ts';
import { sub } from './sub.ts';

interface AxisAttrs {
  readonly axis: number;
}

/**
 * y = exp(x - max) / sum(exp(x - max)) along `axis`; dx = y * (g - sum(g * y)). A primitive, not a
 * composition: ORT's kernel is one stable pass, and the rule reuses y instead of keeping exp(x).
 */
export const Softmax: OpDef<AxisAttrs> = {
  type: 'Softmax',
  infer(inputs) {
    const x = need(inputs, 0, 'nn/ops/softmax');
    requireFloat(x, 'nn/ops/softmax');
    return likeInput(x);
  },
  attributes: (attrs) => ({ axis: attr.int(attrs.axis) }),
  grad(gOut, node) {
    const g = gOut[0]!;
    const y = node.outputs[0]!;
    return [mul(y, sub(g, reduceSum(mul(g, y), [node.attrs.axis], true)))];
  },
};

export function softmax(x: Tensor, axis = -1): Tensor {
  return x.graph.apply(Softmax, [x], { axis: normalizeAxis(axis, x.rank, 'nn/ops/softmax') })[0]!;
}
