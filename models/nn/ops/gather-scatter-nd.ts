/**
 * GatherND and ScatterND live together because each is the other's gradient: a gather's gradient is
 * a scatter-add of g into zeros, a scatter's gradient for its updates is a gather of g.
 */
import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { type OnnxAttributes, attr } from '../graph/attributes.ts';
import { AutodiffError } from '../errors/autodiff-error.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { need, requireDType, requireSameDType } from './infer.ts';
import { zerosLike } from './constant-of-shape.ts';

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
    return [dData, null, needs[2] ? gatherND(g, idx) : null];
  },
};

export function gatherND(x: Tensor, idx: Tensor): Tensor {
  return x.graph.apply(GatherND, [x, idx], {})[0]!;
}

export function scatterND(data: Tensor, idx: Tensor, updates: Tensor, reduction: ScatterReduction = 'none'): Tensor {
  return data.graph.apply(ScatterND, [data, idx, updates], { reduction })[0]!;
}
