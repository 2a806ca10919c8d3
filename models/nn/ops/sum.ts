import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { GraphError } from '../errors/graph-error.ts';
import { broadcastInfo, need, requireSameDType } from './infer.ts';

/** y = x1 + x2 + ... (variadic, broadcasting); each input receives g. The engine sums gradients with it. */
export const Sum: OpDef = {
  type: 'Sum',
  infer(inputs, _attrs, graph) {
    const ts = inputs.map((_, i) => need(inputs, i, 'nn/ops/sum'));
    ts.forEach((t) => requireSameDType(ts[0]!, t, 'nn/ops/sum'));
    return broadcastInfo(ts, graph, 'nn/ops/sum');
  },
  grad: (gOut, node) => node.inputs.map(() => gOut[0]!),
};

export function sum(xs: readonly Tensor[]): Tensor {
  if (xs.length === 0) throw new GraphError('nn/ops/sum: needs at least one tensor');
  if (xs.length === 1) return xs[0]!;
  return xs[0]!.graph.apply(Sum, xs, {})[0]!;
}
