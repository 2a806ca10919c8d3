import type { OpDef } from '../graph/op.ts';
import type { Tensor } from '../graph/tensor.ts';
import { attr } from '../graph/attributes.ts';
import { type DType, ONNX_DATA_TYPE, isFloatDType } from '../onnx/dtype.ts';
import { need } from './infer.ts';

interface CastAttrs {
  readonly to: DType;
}

/** y = x converted to `to`; float-to-float casts pass the gradient back (cast to the input's dtype). */
export const Cast: OpDef<CastAttrs> = {
  type: 'Cast',
  infer: (inputs, attrs) => [{ dtype: attrs.to, shape: need(inputs, 0, 'nn/ops/cast').shape }],
  attributes: (attrs) => ({ to: attr.int(ONNX_DATA_TYPE[attrs.to]) }),
  grad(gOut, node) {
    const x = node.inputs[0]!;
    return [isFloatDType(x.dtype) && isFloatDType(node.attrs.to) ? cast(gOut[0]!, x.dtype) : null];
  },
};

export function cast(x: Tensor, to: DType): Tensor {
  if (x.dtype === to) return x;
  return x.graph.apply(Cast, [x], { to })[0]!;
}
