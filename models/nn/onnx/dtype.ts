/**
 * Element types the engine builds graphs with, their ONNX `TensorProto.DataType` codes and the JS
 * typed arrays that hold them (the same names onnxruntime-node uses for `Tensor.type`).
 */

export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'bool' | 'uint8';

/** `onnx.TensorProto.DataType` enum values (onnx.proto). */
export const ONNX_DATA_TYPE: Readonly<Record<DType, number>> = {
  float32: 1,
  uint8: 2,
  int32: 6,
  int64: 7,
  bool: 9,
  float64: 11,
};

const FROM_ONNX = new Map<number, DType>(Object.entries(ONNX_DATA_TYPE).map(([k, v]) => [v, k as DType]));

/** The engine dtype for an ONNX data type code, or undefined when the engine does not use it. */
export function dtypeFromOnnx(code: number): DType | undefined {
  return FROM_ONNX.get(code);
}

export type FloatDType = 'float32' | 'float64';

export function isFloatDType(dtype: DType): dtype is FloatDType {
  return dtype === 'float32' || dtype === 'float64';
}

export type TypedArrayFor<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'float64'
    ? Float64Array
    : D extends 'int64'
      ? BigInt64Array
      : D extends 'int32'
        ? Int32Array
        : Uint8Array;

export type AnyTypedArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

/** Bytes per element. */
export function dtypeByteSize(dtype: DType): number {
  switch (dtype) {
    case 'float64':
    case 'int64':
      return 8;
    case 'float32':
    case 'int32':
      return 4;
    case 'bool':
    case 'uint8':
      return 1;
  }
}

/** A zero-filled typed array of `length` elements of `dtype`. */
export function allocTyped<D extends DType>(dtype: D, length: number): TypedArrayFor<D> {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length) as TypedArrayFor<D>;
    case 'float64':
      return new Float64Array(length) as TypedArrayFor<D>;
    case 'int64':
      return new BigInt64Array(length) as TypedArrayFor<D>;
    case 'int32':
      return new Int32Array(length) as TypedArrayFor<D>;
    default:
      return new Uint8Array(length) as TypedArrayFor<D>;
  }
}

/** A typed array view of `dtype` over a copy of `bytes` (little-endian, as ONNX raw_data and checkpoints store it). */
export function typedFromBytes(dtype: DType, bytes: Uint8Array): AnyTypedArray {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const n = bytes.byteLength / dtypeByteSize(dtype);
  switch (dtype) {
    case 'float32':
      return new Float32Array(copy.buffer, 0, n);
    case 'float64':
      return new Float64Array(copy.buffer, 0, n);
    case 'int64':
      return new BigInt64Array(copy.buffer, 0, n);
    case 'int32':
      return new Int32Array(copy.buffer, 0, n);
    default:
      return copy;
  }
}

/** The bytes of a typed array (a view, not a copy). */
export function typedBytes(data: AnyTypedArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
