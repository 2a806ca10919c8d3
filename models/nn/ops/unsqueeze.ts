import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import type { Dim } from '../graph/shape.ts';
import { need, normalizeAxes } from './infer.ts';
import { reshapeLike } from './reshape.ts';

interface UnsqueezeAttrs {
  /** Axes in the output, sorted. */
  readonly axes: readonly number[];
}

/** Inserts size-1 axes; dx = g viewed with x's shape. */
export const Unsqueeze: OpDef<UnsqueezeAttrs> = {
  type: 'Unsqueeze',
  infer(inputs, attrs) {
    const x = need(inputs, 0, 'nn/ops/unsqueeze');
    const rank = x.rank + attrs.axes.length;
    const out: Dim[] = [];
    let k = 0;
    for (let i = 0; i < rank; i++) out.push(attrs.axes.includes(i) ? 1 : x.shape[k++]!);
    return [{ dtype: x.dtype, shape: out }];
  },
  grad: (gOut, node) => [reshapeLike(gOut[0]!, node.inputs[0]!), null],
};

/** Inserts size-1 axes at `axes` (positions in the output; negatives count from the output's end). */
export function unsqueeze(x: Tensor, axes: readonly number[]): Tensor {
  const norm = normalizeAxes(axes, x.rank + axes.length, 'nn/ops/unsqueeze');
  return x.graph.apply(Unsqueeze, [x, x.graph.ints(norm)], { axes: norm })[0]!;
}
