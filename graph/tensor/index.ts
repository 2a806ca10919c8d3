/**
 * Tensorization, public surface: vocabularies (labels <-> ids with an explicit `<unk>` policy) and the
 * batching of SceneGraphs into flat typed arrays for ONNX models. Shapes are documented in tensorize.ts.
 */
export { BOX_FEATURE_COUNT, BOX_FEATURES, writeBoxFeatures } from './box-features.ts';
export {
  buildSceneVocabularies,
  sceneVocabulariesFromJSON,
  sceneVocabulariesToJSON,
} from './scene-vocabularies.ts';
export type { BuildVocabulariesOptions, SceneVocabularies, SceneVocabulariesJson } from './scene-vocabularies.ts';
export { nodeAt, tensorizeBatch, tensorShapes } from './tensorize.ts';
export type { IndexArray, TensorBatch, TensorizeOptions } from './tensorize.ts';
export { isTensorizeError, TensorizeError } from './tensorize-error.ts';
export { NONE, UNK, Vocabulary } from './vocabulary.ts';
export type { UnknownPolicy, VocabularyJson, VocabularyOptions } from './vocabulary.ts';
export { isVocabularyError, VocabularyError } from './vocabulary-error.ts';
