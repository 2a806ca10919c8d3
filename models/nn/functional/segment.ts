/**
 * Segment reductions for message passing: rows of `values` [E, ...] are combined into `segments`
 * buckets by int64 `ids` [E]. The number of segments is a number, an int64 scalar tensor holding it,
 * or any other tensor whose first axis gives it (usually the node features, so the count follows the
 * batch at run time).
 */
import type { Dim } from '../graph/shape.ts';
import type { Tensor } from '../graph/tensor.ts';
import { cast, concat, div, dimOf, exp, fill, gather, max, reshape, scatterND, shapeOf, slice, stopGradient, sub, unsqueeze } from '../ops/index.ts';
import type { ScatterReduction } from '../ops/index.ts';

/** A fixed segment count, an int64 scalar tensor holding it, or a tensor whose first axis gives it. */
export type SegmentCount = number | Tensor;

function segmentShape(values: Tensor, segments: SegmentCount): { shape: Tensor; dims: Dim[] } {
  const g = values.graph;
  const rest = values.shape.slice(1);
  const isScalarCount = typeof segments !== 'number' && segments.rank === 0 && segments.dtype === 'int64';
  const count = typeof segments === 'number' ? g.ints([segments]) : isScalarCount ? reshape(segments, [1]) : dimOf(segments, 0);
  const countDim: Dim = typeof segments === 'number' ? segments : isScalarCount ? g.freshDim() : segments.shape[0]!;
  const restShape = rest.every((d) => typeof d === 'number') ? g.ints(rest as number[]) : slice(shapeOf(values), [1], [Number.MAX_SAFE_INTEGER], [0]);
  return { shape: rest.length ? concat([count, restShape], 0) : count, dims: [countDim, ...rest] };
}

function scatterRows(values: Tensor, ids: Tensor, segments: SegmentCount, reduction: ScatterReduction, initial: number): Tensor {
  const { shape, dims } = segmentShape(values, segments);
  const base = fill(shape, dims, initial, values.dtype);
  return scatterND(base, unsqueeze(ids, [-1]), values, reduction);
}

/**
 * out[s] = sum of values[e] over edges with ids[e] = s (0 for empty segments).
 * Shapes: values [E, ...F], ids [E] -> [S, ...F]. Gradient: gather of the output gradient.
 */
export function segmentSum(values: Tensor, ids: Tensor, segments: SegmentCount): Tensor {
  return scatterRows(values, ids, segments, 'add', 0);
}

/** out[s] = mean of values[e] over ids[e] = s (0 for empty segments). */
export function segmentMean(values: Tensor, ids: Tensor, segments: SegmentCount): Tensor {
  const ones = fill(dimOf(values, 0), [values.shape[0]!], 1, values.dtype);
  const counts = segmentSum(ones, ids, segments);
  const perRow = values.rank > 1 ? unsqueeze(counts, values.shape.slice(1).map((_, i) => i + 1)) : counts;
  return div(segmentSum(values, ids, segments), max(perRow, 1));
}

/**
 * out[s] = max of values[e] over ids[e] = s; empty segments hold the lowest finite value. Carries no
 * gradient (ScatterND max has no rule): use it under stopGradient, as segmentSoftmax does.
 */
export function segmentMax(values: Tensor, ids: Tensor, segments: SegmentCount): Tensor {
  const lowest = values.dtype === 'float64' ? -Number.MAX_VALUE : -3.4028234663852886e38;
  return scatterRows(values, ids, segments, 'max', lowest);
}

/**
 * Softmax of scores within each segment (e.g. over the incoming edges of each node):
 *   alpha[e] = exp(s[e] - m[ids[e]]) / sum over e' in the segment of exp(s[e'] - m[ids[e']]),
 * with m the segment max, treated as a constant (the softmax does not depend on it).
 * Shapes: scores [E, ...H], ids [E] -> [E, ...H]; each segment's weights sum to 1.
 */
export function segmentSoftmax(scores: Tensor, ids: Tensor, segments: SegmentCount): Tensor {
  const m = stopGradient(segmentMax(stopGradient(scores), ids, segments));
  const e = exp(sub(scores, gather(m, ids, 0)));
  return div(e, gather(segmentSum(e, ids, segments), ids, 0));
}

/** Number of rows per segment as a float tensor [S] (in-degree when ids are edge targets). */
export function segmentCount(ids: Tensor, segments: SegmentCount, dtype: 'float32' | 'float64' = 'float32'): Tensor {
  const ones = fill(dimOf(ids, 0), [ids.shape[0]!], 1, dtype);
  return cast(segmentSum(ones, ids, segments), dtype);
}
