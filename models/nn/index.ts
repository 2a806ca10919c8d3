/**
 * models/nn: a small training engine on onnxruntime-node. Build a model once with the typed graph
 * builder and modules, and get from it a training step (forward, backward, optimizer in one ONNX
 * graph), an evaluation graph and an exported inference graph. Sub-areas are re-exported as
 * namespaces (ops, functional, losses, modules, optim) so op names such as `max` or `log` do not
 * collide with the rest of the codebase; the types and classes used everywhere are exported flat.
 */
export * as ops from './ops/index.ts';
export * as functional from './functional/index.ts';
export * as losses from './losses/index.ts';
export * as modules from './modules/index.ts';
export * as optim from './optim/index.ts';

export { AutodiffError, CheckpointError, GraphError, ShapeError, TrainerError } from './errors/index.ts';
export { Graph, Parameter, Tensor, toOnnx } from './graph/index.ts';
export type { Dim, Initializer, OpDef, Shape, TensorLike } from './graph/index.ts';
export { gradients } from './autodiff/index.ts';
export {
  buildEvalGraph, buildGradientGraph, buildInferenceGraph, buildTrainGraph, defineModel, gradName, metricName, nextName, slotName,
} from './model/index.ts';
export type { BuiltGraph, LossResult, ModelDefinition, TensorSpec, TrainGraph } from './model/index.ts';
export { InferenceModel, Rng, Trainer, readCheckpoint, readInferenceManifest } from './runtime/index.ts';
export type { ArrayFeed, EvalResult, FeedValue, InferenceManifest, StepResult, TrainerOptions } from './runtime/index.ts';
export type { DType, FloatDType } from './onnx/index.ts';
