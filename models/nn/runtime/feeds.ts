/** Converting user feeds (ORT tensors or typed arrays with dims) into ORT tensors. */
import { Tensor as OrtTensor } from 'onnxruntime-node';
import { TrainerError } from '../errors/trainer-error.ts';
import type { AnyTypedArray, DType } from '../onnx/dtype.ts';
import type { Dim } from '../graph/shape.ts';

export interface ArrayFeed {
  readonly data: AnyTypedArray;
  readonly dims: readonly number[];
}

export type FeedValue = OrtTensor | ArrayFeed;

function isOrtTensor(value: FeedValue): value is OrtTensor {
  return value instanceof OrtTensor;
}

function dtypeOfArray(data: AnyTypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof Int32Array) return 'int32';
  return 'bool';
}

/** An ORT tensor for `name`, checked against the declared dtype and shape (symbolic dims match anything). */
export function toOrtTensor(name: string, value: FeedValue, dtype: DType, shape: readonly Dim[]): OrtTensor {
  const tensor = isOrtTensor(value) ? value : makeTensor(name, value, dtype);
  if (tensor.type !== dtype && !(dtype === 'uint8' && tensor.type === 'bool')) {
    throw new TrainerError(`nn/runtime: feed '${name}' has type ${tensor.type}, expected ${dtype}`);
  }
  const dims = tensor.dims;
  if (dims.length !== shape.length || shape.some((d, i) => typeof d === 'number' && d !== dims[i])) {
    throw new TrainerError(`nn/runtime: feed '${name}' has dims [${dims.join(', ')}], expected [${shape.join(', ')}]`);
  }
  return tensor;
}

function makeTensor(name: string, value: ArrayFeed, dtype: DType): OrtTensor {
  const got = dtypeOfArray(value.data);
  const ok = got === dtype || (dtype === 'bool' && value.data instanceof Uint8Array) || (dtype === 'uint8' && value.data instanceof Uint8Array);
  if (!ok) throw new TrainerError(`nn/runtime: feed '${name}' is a ${value.data.constructor.name}, expected ${dtype}`);
  const size = value.dims.reduce((a, b) => a * b, 1);
  if (size !== value.data.length) throw new TrainerError(`nn/runtime: feed '${name}' has ${value.data.length} values for dims [${value.dims.join(', ')}]`);
  return new OrtTensor(dtype, value.data as never, value.dims);
}

export function scalarFloat(value: number): OrtTensor {
  return new OrtTensor('float32', Float32Array.of(value), []);
}

export function scalarInt64(value: bigint): OrtTensor {
  return new OrtTensor('int64', BigInt64Array.of(value), []);
}

export function scalarBool(value: boolean): OrtTensor {
  return new OrtTensor('bool', Uint8Array.of(value ? 1 : 0), []);
}
