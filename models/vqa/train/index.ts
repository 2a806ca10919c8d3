export { exportVqaModel, networkFor, trainVqa, vqaManifestExtra } from './train-vqa.ts';
export type {
  EpochRecord, EvalSet, Phase, StepInfo, TrainHooks, TrainOptions, TrainResult, VqaTrainingData, VqaVocabularies,
} from './train-vqa.ts';
export { DEFAULT_TRAINING } from './training-config.ts';
export type { NetworkSizes, VqaTrainingConfig } from './training-config.ts';
export { trainingCurveHtml } from './training-curve.ts';
export type { CurvePoint } from './training-curve.ts';
export { trainingDataFor } from './training-data.ts';
export { VQA_MANIFEST_KIND } from './vqa-manifest-kind.ts';
