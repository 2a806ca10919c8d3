import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { normalizeAxis } from '../graph/shape.ts';
import { exp } from './exp.ts';
import { likeInput, need, requireFloat } from './infer.ts';
import { mul } from './mul.ts';
import { reduceSum } from './reduce-sum.ts';
import { sub } from './sub.ts';

interface AxisAttrs {
  readonly axis: number;
}

/**
 * y = x - logsumexp(x) along `axis`; dx = g - exp(y) * sum(g). A primitive because the composition
 * would lose precision (log of a softmax that underflows) and take several passes.
 */
export const LogSoftmax: OpDef<AxisAttrs> = {
  type: 'LogSoftmax',
  infer(inputs) {
    const x = need(inputs, 0, 'nn/ops/logSoftmax');
    requireFloat(x, 'nn/ops/logSoftmax');
    return likeInput(x);
  },
  attributes: (attrs) => ({ axis: attr.int(attrs.axis) }),
  grad(gOut, node) {
    const g = gOut[0]!;
    const y = node.outputs[0]!;
    return [sub(g, mul(exp(y), reduceSum(g, [node.attrs.axis], true)))];
  },
};

export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return x.graph.apply(LogSoftmax, [x], { axis: normalizeAxis(axis, x.rank, 'nn/ops/logSoftmax') })[0]!;
}
