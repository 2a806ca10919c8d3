import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { need, normalizeAxes } from './infer.ts';
import { reshapeLike } from './reshape.ts';

interface SqueezeAttrs {
  readonly axes: readonly number[];
}

/** Drops size-1 axes; dx = g viewed with x's shape. */
export const Squeeze: OpDef<SqueezeAttrs> = {
  type: 'Squeeze',
  infer(inputs, attrs) {
    const x = need(inputs, 0, 'nn/ops/squeeze');
    for (const a of attrs.axes) {
      const d = x.shape[a];
      if (typeof d === 'number' && d !== 1) throw new ShapeError(`nn/ops/squeeze: axis ${a} of ${x.name} has size ${d}`);
    }
    return [{ dtype: x.dtype, shape: x.shape.filter((_, i) => !attrs.axes.includes(i)) }];
  },
  grad: (gOut, node) => [reshapeLike(gOut[0]!, node.inputs[0]!), null],
};

export function squeeze(x: Tensor, axes: readonly number[]): Tensor {
  const norm = normalizeAxes(axes, x.rank, 'nn/ops/squeeze');
  if (norm.length === 0) return x;
  return x.graph.apply(Squeeze, [x, x.graph.ints(norm)], { axes: norm })[0]!;
}
