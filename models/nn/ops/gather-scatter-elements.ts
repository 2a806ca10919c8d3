/** GatherElements and ScatterElements live together because each is the other's gradient. */
import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { AutodiffError } from '../errors/autodiff-error.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { normalizeAxis } from '../graph/shape.ts';
import { need, requireDType, requireSameDType } from './infer.ts';
import { zerosLike } from './constant-of-shape.ts';
import type { ScatterReduction } from './gather-scatter.ts';

interface AxisAttrs {
  readonly axis: number;
}

/** y[i][j] = x[idx[i][j]][j] (for axis 0; idx has x's rank); dx = scatterElements(zeros, idx, g, 'add'). */
export const GatherElements: OpDef<AxisAttrs> = {
  type: 'GatherElements',
  infer(inputs) {
    const where = 'nn/ops/gatherElements';
    const x = need(inputs, 0, where);
    const idx = need(inputs, 1, where);
    requireDType(idx, ['int64'], where);
    if (idx.rank !== x.rank) throw new ShapeError(`${where}: indices rank ${idx.rank} != data rank ${x.rank}`);
    return [{ dtype: x.dtype, shape: idx.shape }];
  },
  attributes: (attrs) => ({ axis: attr.int(attrs.axis) }),
  grad: (gOut, node) => [scatterElements(zerosLike(node.inputs[0]!), node.inputs[1]!, gOut[0]!, node.attrs.axis, 'add'), null],
};

interface ScatterElementsAttrs {
  readonly axis: number;
  readonly reduction: ScatterReduction;
}

/**
 * y = data with y[idx[i][j]][j] (op)= updates[i][j] (for axis 0). With 'add': d data = g,
 * d updates = gatherElements(g, idx). With 'none' overwritten places get no data gradient.
 */
export const ScatterElements: OpDef<ScatterElementsAttrs> = {
  type: 'ScatterElements',
  infer(inputs) {
    const where = 'nn/ops/scatterElements';
    const data = need(inputs, 0, where);
    requireDType(need(inputs, 1, where), ['int64'], where);
    requireSameDType(data, need(inputs, 2, where), where);
    return [{ dtype: data.dtype, shape: data.shape }];
  },
  attributes: (attrs) => ({
    axis: attr.int(attrs.axis),
    ...(attrs.reduction === 'none' ? {} : { reduction: attr.string(attrs.reduction) }),
  }),
  grad(gOut, node, needs) {
    const g = gOut[0]!;
    const [, idx, updates] = node.inputs as [Tensor, Tensor, Tensor];
    const { axis, reduction } = node.attrs;
    if (reduction !== 'add' && reduction !== 'none') {
      throw new AutodiffError(`nn/autodiff: ScatterElements with reduction '${reduction}' has no gradient rule; wrap it in stopGradient`);
    }
    const dData = needs[0] ? (reduction === 'add' ? g : scatterElements(g, idx, zerosLike(updates), axis, 'none')) : null;
    return [dData, null, needs[2] ? gatherElements(g, idx, axis) : null];
  },
};

export function gatherElements(x: Tensor, idx: Tensor, axis: number): Tensor {
  const a = normalizeAxis(axis, x.rank, 'nn/ops/gatherElements');
  return x.graph.apply(GatherElements, [x, idx], { axis: a })[0]!;
}

export function scatterElements(data: Tensor, idx: Tensor, updates: Tensor, axis: number, reduction: ScatterReduction = 'none'): Tensor {
  const a = normalizeAxis(axis, data.rank, 'nn/ops/scatterElements');
  return data.graph.apply(ScatterElements, [data, idx, updates], { axis: a, reduction })[0]!;
}
