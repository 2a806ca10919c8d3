export {
  ACCUM_STATE, APPLY_INPUT, DROPOUT_SEED_INPUT, GRAD_NORM_OUTPUT, LOSS_OUTPUT, LR_INPUT, STEP_INPUT,
  buildEvalGraph, buildGradientGraph, buildInferenceGraph, buildTrainGraph, gradName, metricName, nextName, slotName,
} from './contract.ts';
export type { BuiltGraph, FlatEntry, GraphKind, TrainGraph, TrainGraphOptions } from './contract.ts';
export { defineModel } from './definition.ts';
export type { LossResult, ModelDefinition, TensorSpec } from './definition.ts';
