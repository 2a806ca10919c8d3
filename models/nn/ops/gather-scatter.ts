/**
 * Gather, GatherND and ScatterND live together because they are each other's gradients: a gather's
 * gradient is a scatter-add of g into zeros, a scatter's gradient for its updates is a gather of g.
 */
import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { type OnnxAttributes, attr } from '../graph/attributes.ts';
import { AutodiffError } from '../errors/autodiff-error.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { need, requireDType, requireSameDType } from './infer.ts';
import { fill, zerosLike } from './constant-of-shape.ts';
import { normalizeAxis } from '../graph/shape.ts';
import { shapeOf } from './shape.ts';
import { squeeze } from './squeeze.ts';
import { inversePermutation, transpose } from './transpose.ts';
import { unsqueeze } from './unsqueeze.ts';

export type ScatterReduction = 'none' | 'add' | 'mul' | 'max' | 'min';

/**
 * y = x[idx[..., :]] with idx int64 [..., k] indexing the first k axes of x:
 * y.shape = idx.shape[:-1] + x.shape[k:]. dx = scatterND(zeros, idx, g, 'add').
 */
export const GatherND: OpDef = {
  type: 'GatherND',
  infer(inputs) {
    const where = 'nn/ops/gatherND';
    const x = need(inputs, 0, where);
    const idx = need(inputs, 1, where);
    requireDType(idx, ['int64'], where);
    const k = idx.shape[idx.rank - 1];
    if (typeof k !== 'number' || k > x.rank) throw new ShapeError(`${where}: the last dim of ${idx.name} must be static and <= rank ${x.rank}`);
    return [{ dtype: x.dtype, shape: [...idx.shape.slice(0, -1), ...x.shape.slice(k)] }];
  },
  grad: (gOut, node) => [scatterND(zerosLike(node.inputs[0]!), node.inputs[1]!, gOut[0]!, 'add'), null],
};

interface ScatterNDAttrs {
  readonly reduction: ScatterReduction;
}

/**
 * y = data with updates written (or reduced) at idx [..., k]; updates.shape = idx.shape[:-1] + data.shape[k:].
 * With 'add': d data = g, d updates = gatherND(g, idx). With 'none' the overwritten places get no data
 * gradient. 'max'/'min'/'mul' have no rule (segment max is used under stopGradient).
 */
export const ScatterND: OpDef<ScatterNDAttrs> = {
  type: 'ScatterND',
  infer(inputs) {
    const where = 'nn/ops/scatterND';
    const data = need(inputs, 0, where);
    requireDType(need(inputs, 1, where), ['int64'], where);
    requireSameDType(data, need(inputs, 2, where), where);
    return [{ dtype: data.dtype, shape: data.shape }];
  },
  attributes: (attrs): OnnxAttributes => (attrs.reduction === 'none' ? {} : { reduction: attr.string(attrs.reduction) }),
  grad(gOut, node, needs) {
    const g = gOut[0]!;
    const [, idx, updates] = node.inputs as [Tensor, Tensor, Tensor];
    const r = node.attrs.reduction;
    if (r !== 'add' && r !== 'none') throw new AutodiffError(`nn/autodiff: ScatterND with reduction '${r}' has no gradient rule; wrap it in stopGradient`);
    const dData = needs[0] ? (r === 'add' ? g : scatterND(g, idx, zerosLike(updates), 'none')) : null;
    return [dData, null, needs[2] ? gatherRows(g, idx) : null];
  },
};

/** gatherND(g, idx), as a plain row Gather when idx indexes only the first axis ([..., 1]). */
function gatherRows(g: Tensor, idx: Tensor): Tensor {
  if (idx.shape[idx.rank - 1] !== 1) return gatherND(g, idx);
  return gather(g, squeeze(idx, [idx.rank - 1]), 0);
}

export function gatherND(x: Tensor, idx: Tensor): Tensor {
  return x.graph.apply(GatherND, [x, idx], {})[0]!;
}

export function scatterND(data: Tensor, idx: Tensor, updates: Tensor, reduction: ScatterReduction = 'none'): Tensor {
  return data.graph.apply(ScatterND, [data, idx, updates], { reduction })[0]!;
}

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
