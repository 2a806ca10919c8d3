/** Shape and Size: the int64 shape of a tensor, folded to constants whenever the shape is static. */
import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { normalizeAxis, staticSize } from '../graph/shape.ts';
import { need } from './infer.ts';

interface ShapeAttrs {
  readonly start?: number;
  readonly end?: number;
}

export const Shape: OpDef<ShapeAttrs> = {
  type: 'Shape',
  infer(inputs, attrs) {
    const x = need(inputs, 0, 'nn/ops/shape');
    const start = attrs.start ?? 0;
    const end = attrs.end ?? x.rank;
    return [{ dtype: 'int64', shape: [end - start] }];
  },
  attributes: (attrs) => ({
    ...(attrs.start !== undefined ? { start: attr.int(attrs.start) } : {}),
    ...(attrs.end !== undefined ? { end: attr.int(attrs.end) } : {}),
  }),
};

export const Size: OpDef = {
  type: 'Size',
  infer: () => [{ dtype: 'int64', shape: [] }],
};

/** The shape of x as a 1-D int64 tensor (a constant when static). */
export function shapeOf(x: Tensor): Tensor {
  const g = x.graph;
  if (x.shape.every((d) => typeof d === 'number')) return g.ints(x.shape as number[]);
  return g.memo(`shape:${x.name}`, () => g.apply(Shape, [x], {})[0]!);
}

/** Dimension `axis` of x as a 1-element int64 tensor (a constant when static). */
export function dimOf(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis(axis, x.rank, 'nn/ops/dimOf');
  const d = x.shape[a]!;
  const g = x.graph;
  if (typeof d === 'number') return g.ints([d]);
  return g.memo(`dim:${x.name}:${a}`, () => g.apply(Shape, [x], { start: a, end: a + 1 })[0]!);
}

/** The element count of x as an int64 scalar (a constant when static). */
export function sizeOf(x: Tensor): Tensor {
  const n = staticSize(x.shape);
  const g = x.graph;
  if (n !== undefined) return g.scalar(n, 'int64');
  return g.memo(`size:${x.name}`, () => g.apply(Size, [x], {})[0]!);
}
