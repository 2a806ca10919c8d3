/** ConstantOfShape: tensors filled with one value, shaped at run time (zeros for scatter gradients). */
import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { type DType, allocTyped } from '../onnx/dtype.ts';
import type { Shape } from '../graph/shape.ts';
import { need, requireDType } from './infer.ts';
import { shapeOf } from './shape.ts';

interface FillAttrs {
  readonly value: number;
  readonly dtype: DType;
  /** The output's symbolic shape (the builder cannot read it from the run-time shape input). */
  readonly outShape: Shape;
}

export const ConstantOfShape: OpDef<FillAttrs> = {
  type: 'ConstantOfShape',
  infer(inputs, attrs) {
    requireDType(need(inputs, 0, 'nn/ops/constantOfShape'), ['int64'], 'nn/ops/constantOfShape');
    return [{ dtype: attrs.dtype, shape: attrs.outShape }];
  },
  attributes(attrs) {
    const data = allocTyped(attrs.dtype, 1);
    if (data instanceof BigInt64Array) data[0] = BigInt(attrs.value);
    else data[0] = attrs.value;
    return { value: attr.tensor({ dtype: attrs.dtype, dims: [1], data }) };
  },
};

/** A tensor shaped like `like`, filled with `value` (of like's dtype unless given). */
export function fullLike(like: Tensor, value: number, dtype: DType = like.dtype): Tensor {
  return like.graph.apply(ConstantOfShape, [shapeOf(like)], { value, dtype, outShape: like.shape })[0]!;
}

export function zerosLike(like: Tensor): Tensor {
  return fullLike(like, 0);
}

/** A tensor of the shape held in the int64 tensor `shape`, filled with `value`. */
export function fill(shape: Tensor, outShape: Shape, value: number, dtype: DType): Tensor {
  return shape.graph.apply(ConstantOfShape, [shape], { value, dtype, outShape })[0]!;
}
