export { attr } from './attributes.ts';
export type { AttrValue, ConstantTensor, OnnxAttributes } from './attributes.ts';
export { Graph } from './graph.ts';
export type { GraphConstant, GraphInput, GraphOptions, GraphOutput, GraphParam, InputRole } from './graph.ts';
export type { GradRule, NodeRecord, OpDef, OutputInfo } from './op.ts';
export { Parameter } from './parameter.ts';
export type { Initializer, ParameterOptions } from './parameter.ts';
export {
  broadcastShapes, dimProduct, dimQuotient, formatShape, isAnonymousDim, isStaticShape, normalizeAxis, shapesEqual, staticSize,
} from './shape.ts';
export type { Dim, Shape } from './shape.ts';
export { Tensor } from './tensor.ts';
export type { TensorLike } from './tensor.ts';
export { IR_VERSION, OPSET_VERSION, PRODUCER_NAME, toModelJson, toOnnx } from './to-onnx.ts';
export type { ToOnnxOptions } from './to-onnx.ts';
