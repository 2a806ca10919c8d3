/**
 * ONNX TopK as an op of the models/nn builder (the engine has none): the k largest values along the last
 * axis, sorted, and their int64 indices. Selection carries no gradient, so the op has no rule; it is used
 * in the inference graph only.
 */
import { ShapeError, type OpDef, type Tensor } from '../../nn/index.ts';
import { attr } from '../../nn/graph/index.ts';

interface TopKAttrs {
  readonly k: number;
}

export const TopK: OpDef<TopKAttrs> = {
  type: 'TopK',
  infer(inputs, attrs) {
    const x = inputs[0];
    if (!x) throw new ShapeError('sgg/graph/topK: input 0 is required');
    const last = x.shape[x.rank - 1];
    if (typeof last === 'number' && last < attrs.k) throw new ShapeError(`sgg/graph/topK: k = ${attrs.k} exceeds the axis size ${last}`);
    const shape = [...x.shape.slice(0, -1), attrs.k];
    return [
      { dtype: x.dtype, shape },
      { dtype: 'int64', shape },
    ];
  },
  attributes: () => ({ axis: attr.int(-1), largest: attr.int(1), sorted: attr.int(1) }),
};

/** The k largest values of x along its last axis (descending) and their indices. Shapes: [..., N] -> [..., k] twice. */
export function topK(x: Tensor, k: number): { values: Tensor; indices: Tensor } {
  if (!Number.isInteger(k) || k < 1) throw new ShapeError(`sgg/graph/topK: k must be a positive integer, got ${k}`);
  const [values, indices] = x.graph.apply(TopK, [x, x.graph.ints([k])], { k });
  return { values: values!, indices: indices! };
}
