/**
 * models/vqa: the SelfGraphVQA model (issue 6; DESIGN §6). Question encoder (natural tokenizer, small
 * Transformer, T instruction vectors), graph encoder over soft label distributions and box geometry,
 * T rounds of instruction-conditioned graph attention, attention readout and classifier; node-wise,
 * graph-wise and permutation-equivariant VICReg over augmented views; training, the view cache, the
 * location classifier, baselines, and `answer()`, the one question-answering entry point. See README.md.
 * Each folder has its own barrel with the full surface; this one re-exports what callers use.
 */
export { answer, loadVqaModel, predictExamples, VqaSession } from './infer/index.ts';
export type { AnswerInput, AnswerOptions, AnswerPipeline, AnswerResult, GroundedObject, RoundGrounding, VqaModel } from './infer/index.ts';
export { AnswerVocabulary, QuestionVocabulary, tokenizeQuestion } from './question/index.ts';
export type { EncodedQuestion } from './question/index.ts';
export { isQuestionError, isVqaDataError, isVqaModelError, QuestionError, VqaDataError, VqaModelError } from './errors/index.ts';
export { DEFAULT_TRAINING, trainVqa, trainingDataFor } from './train/index.ts';
export type { EpochRecord, TrainHooks, TrainResult, VqaTrainingConfig, VqaTrainingData } from './train/index.ts';
export { DEFAULT_SSL, sslLevelsOf } from './ssl/index.ts';
export type { SslConfig, SslLevel } from './ssl/index.ts';
export { prepareVqaData } from './data/index.ts';
export type { GeneratorHandle, PreparedVqaData } from './data/index.ts';
export { buildViewCache, loadViewCache, predictSceneGraph } from './views/index.ts';
export type { SceneGraphPredictor } from './views/index.ts';
export { LocationClassifier } from './scene/index.ts';
export { VqaNetwork, vqaInferenceDefinition, vqaTrainingDefinition } from './network/index.ts';
export type { VqaNetworkConfig } from './network/index.ts';
