/** What ReduceSum, ReduceMean and ReduceMax share: attributes, output shape, and undoing the reduction on g. */
import type { OpDef, OutputInfo } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import type { Graph } from '../graph/graph.ts';
import { attr } from '../graph/attributes.ts';
import { need, normalizeAxes, reducedShape, requireFloat } from './infer.ts';
import { expandLike } from './expand.ts';
import { unsqueeze } from './unsqueeze.ts';

export interface ReduceAttrs {
  /** Sorted, normalized axes; 'dynamic' when the axes input is computed at run time. */
  readonly axes: readonly number[] | 'dynamic';
  readonly keepdims: boolean;
}

export function reduceInfer(where: string, float: boolean) {
  return (inputs: readonly (Tensor | null)[], attrs: ReduceAttrs, graph: Graph): OutputInfo[] => {
    const x = need(inputs, 0, where);
    if (float) requireFloat(x, where);
    if (attrs.axes === 'dynamic') return [{ dtype: x.dtype, shape: x.shape.map(() => graph.freshDim()) }];
    return [{ dtype: x.dtype, shape: reducedShape(x.shape, attrs.axes, attrs.keepdims) }];
  };
}

export function reduceAttributes(attrs: ReduceAttrs) {
  return { keepdims: attr.int(attrs.keepdims ? 1 : 0), noop_with_empty_axes: attr.int(1) };
}

/** The reduced gradient with the reduced axes put back as size 1 (a keepdims-shaped tensor). */
export function keepdimsGrad(g: Tensor, attrs: ReduceAttrs): Tensor {
  if (attrs.keepdims || attrs.axes === 'dynamic') return g;
  return unsqueeze(g, attrs.axes);
}

/** The gradient of a reduction, broadcast back over x: expand(keepdims(g), shape(x)). */
export function spreadGrad(g: Tensor, x: Tensor, attrs: ReduceAttrs): Tensor {
  return expandLike(keepdimsGrad(g, attrs), x);
}

export function applyReduce(op: OpDef<ReduceAttrs>, x: Tensor, axes: readonly number[] | undefined, keepdims: boolean): Tensor {
  const norm = axes === undefined ? x.shape.map((_, i) => i) : normalizeAxes(axes, x.rank, `nn/ops/${op.type}`);
  if (norm.length === 0) return x;
  return x.graph.apply(op, [x, x.graph.ints(norm)], { axes: norm, keepdims })[0]!;
}
