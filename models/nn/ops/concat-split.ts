/** Concat and Split live together because each is the other's gradient. */
import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { GraphError } from '../errors/graph-error.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { type Dim, type Shape, formatShape, normalizeAxis } from '../graph/shape.ts';
import { need, requireSameDType } from './infer.ts';
import { zerosLike } from './constant-of-shape.ts';
import { dimOf } from './shape.ts';

interface AxisAttrs {
  readonly axis: number;
}

/** y = inputs joined along `axis`; each input's gradient is its slab of g (one Split). */
export const Concat: OpDef<AxisAttrs> = {
  type: 'Concat',
  infer(inputs, attrs, graph) {
    const where = 'nn/ops/concat';
    const xs = inputs.map((_, i) => need(inputs, i, where));
    const first = xs[0]!;
    const a = attrs.axis;
    let total: Dim = 0;
    for (const x of xs) {
      requireSameDType(first, x, where);
      if (x.rank !== first.rank) throw new ShapeError(`${where}: ranks differ (${formatShape(first.shape)} vs ${formatShape(x.shape)})`);
      const d = x.shape[a]!;
      total = typeof total === 'number' && typeof d === 'number' ? total + d : graph.freshDim();
    }
    return [{ dtype: first.dtype, shape: first.shape.map((d, i) => (i === a ? total : d)) }];
  },
  attributes: (attrs) => ({ axis: attr.int(attrs.axis) }),
  grad(gOut, node) {
    const a = node.attrs.axis;
    const xs = node.inputs as Tensor[];
    const parts = splitLike(gOut[0]!, xs, a);
    return parts;
  },
};

interface SplitAttrs {
  readonly axis: number;
  readonly outShapes: readonly Shape[];
}

/** outputs = x cut along `axis` into pieces of the given sizes; dx = concat of the outputs' gradients (zeros for unused pieces). */
export const Split: OpDef<SplitAttrs> = {
  type: 'Split',
  infer(inputs, attrs) {
    const x = need(inputs, 0, 'nn/ops/split');
    return attrs.outShapes.map((shape) => ({ dtype: x.dtype, shape }));
  },
  attributes: (attrs) => ({ axis: attr.int(attrs.axis) }),
  grad(gOut, node) {
    const parts = node.outputs.map((y, i) => gOut[i] ?? zerosLike(y));
    return [concat(parts, node.attrs.axis), null];
  },
};

export function concat(xs: readonly Tensor[], axis: number): Tensor {
  if (xs.length === 0) throw new GraphError('nn/ops/concat: needs at least one tensor');
  if (xs.length === 1) return xs[0]!;
  const a = normalizeAxis(axis, xs[0]!.rank, 'nn/ops/concat');
  return xs[0]!.graph.apply(Concat, xs, { axis: a })[0]!;
}

/** x cut along `axis` into pieces of static sizes. */
export function split(x: Tensor, sizes: readonly number[], axis: number): Tensor[] {
  const a = normalizeAxis(axis, x.rank, 'nn/ops/split');
  const d = x.shape[a];
  const total = sizes.reduce((s, v) => s + v, 0);
  if (typeof d === 'number' && d !== total) throw new ShapeError(`nn/ops/split: sizes [${sizes.join(', ')}] do not add up to ${d}`);
  const outShapes = sizes.map((s) => x.shape.map((dim, i) => (i === a ? s : dim)));
  return x.graph.apply(Split, [x, x.graph.ints(sizes)], { axis: a, outShapes });
}

/** g cut along `axis` into pieces shaped like `likes` (run-time sizes when a piece's size is symbolic). */
export function splitLike(g: Tensor, likes: readonly Tensor[], axis: number): Tensor[] {
  const sizes = likes.map((t) => t.shape[axis]!);
  if (sizes.every((s): s is number => typeof s === 'number')) {
    const outShapes = likes.map((t) => g.shape.map((d, i) => (i === axis ? t.shape[axis]! : d)));
    return g.graph.apply(Split, [g, g.graph.ints(sizes)], { axis, outShapes });
  }
  const sizeTensor = concat(likes.map((t) => dimOf(t, axis)), 0);
  const outShapes = likes.map((t) => g.shape.map((d, i) => (i === axis ? t.shape[axis]! : d)));
  return g.graph.apply(Split, [g, sizeTensor], { axis, outShapes });
}
