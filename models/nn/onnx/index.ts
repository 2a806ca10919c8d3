export { ONNX_DATA_TYPE, allocTyped, dtypeByteSize, dtypeFromOnnx, isFloatDType, typedBytes, typedFromBytes } from './dtype.ts';
export type { AnyTypedArray, DType, FloatDType, TypedArrayFor } from './dtype.ts';
export { ATTRIBUTE_TYPE, decodeModel, encodeModel } from './proto.ts';
export type { AttributeJson, GraphJson, ModelJson, NodeJson, TensorProtoJson, ValueInfoJson } from './proto.ts';
