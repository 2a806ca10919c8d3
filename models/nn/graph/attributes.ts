/** ONNX node attribute values, tagged with their ONNX attribute type. */
import type { AnyTypedArray, DType } from '../onnx/dtype.ts';

export interface ConstantTensor {
  readonly dtype: DType;
  readonly dims: readonly number[];
  readonly data: AnyTypedArray;
}

export type AttrValue =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'floats'; readonly value: readonly number[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'tensor'; readonly value: ConstantTensor };

export type OnnxAttributes = Readonly<Record<string, AttrValue>>;

export const attr = {
  int: (value: number): AttrValue => ({ kind: 'int', value }),
  float: (value: number): AttrValue => ({ kind: 'float', value }),
  ints: (value: readonly number[]): AttrValue => ({ kind: 'ints', value }),
  floats: (value: readonly number[]): AttrValue => ({ kind: 'floats', value }),
  string: (value: string): AttrValue => ({ kind: 'string', value }),
  tensor: (value: ConstantTensor): AttrValue => ({ kind: 'tensor', value }),
};
