import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { normalizeAxis } from '../graph/shape.ts';
import { need, requireDType } from './infer.ts';
import { fill, zerosLike } from './constant-of-shape.ts';
import { shapeOf } from './shape.ts';
import { scatterND } from './gather-scatter-nd.ts';
import { inversePermutation, transpose } from './transpose.ts';
import { unsqueeze } from './unsqueeze.ts';

interface GatherAttrs {
  readonly axis: number;
}

/**
 * y = x indexed along `axis` by int64 idx: y.shape = x.shape[:axis] + idx.shape + x.shape[axis+1:].
 * dx = scatter-add of g into zeros (ScatterND with reduction add, which sums repeated indices). For
 * axis > 0 the gathered axis is moved to the front, scattered, and moved back.
 */
export const Gather: OpDef<GatherAttrs> = {
  type: 'Gather',
  infer(inputs, attrs) {
    const x = need(inputs, 0, 'nn/ops/gather');
    const idx = need(inputs, 1, 'nn/ops/gather');
    requireDType(idx, ['int64', 'int32'], 'nn/ops/gather');
    const a = attrs.axis;
    return [{ dtype: x.dtype, shape: [...x.shape.slice(0, a), ...idx.shape, ...x.shape.slice(a + 1)] }];
  },
  attributes: (attrs) => ({ axis: attr.int(attrs.axis) }),
  grad(gOut, node) {
    const g = gOut[0]!;
    const [x, idx] = node.inputs as [Tensor, Tensor];
    const a = node.attrs.axis;
    const at = unsqueeze(idx, [idx.rank]);
    if (a === 0) return [scatterND(zerosLike(x), at, g, 'add'), null];
    // Move the index axes of g to the front (matching x with `axis` moved to the front).
    const q = idx.rank;
    const gPerm = [...range(a, a + q), ...range(0, a), ...range(a + q, g.rank)];
    const xPerm = [a, ...range(0, a), ...range(a + 1, x.rank)];
    const movedShape = xPerm.map((p) => x.shape[p]!);
    const zeros = fill(gather(shapeOf(x), x.graph.ints(xPerm)), movedShape, 0, x.dtype);
    const scattered = scatterND(zeros, at, transpose(g, gPerm), 'add');
    return [transpose(scattered, inversePermutation(xPerm)), null];
  },
};

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

export function gather(x: Tensor, idx: Tensor, axis = 0): Tensor {
  const a = normalizeAxis(axis, x.rank, 'nn/ops/gather');
  return x.graph.apply(Gather, [x, idx], { axis: a })[0]!;
}
