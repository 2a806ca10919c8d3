/**
 * models/sgg: the scene-graph generator. A CenterNet-style single-stage detector with attribute heads
 * and a pairwise relation head, trained on the shapes world with models/nn and shipped as one ONNX file
 * that honours the contract of DESIGN §3 (see README.md). Public surface: configuration, the network and
 * its export, data preparation (rasters, augmented views), inference (contract loader, decoding,
 * batched extraction), metrics and training.
 */
export { DEFAULT_ARCHITECTURE, NO_RELATION, checkConfig, defaultSggConfig, gridSize, headAttributeGroups, heatmapChannels, imageGeometry, worldLabels } from './config.ts';
export type { AttributeGroupLabels, Normalization, SggArchitecture, SggConfig, SggLabels } from './config.ts';
export { ContractError, ImageInputError, SggError, isContractError, isImageInputError, isSggError } from './errors/index.ts';
export type { ImageProblem } from './errors/index.ts';

export { DEFAULT_AUGMENT, IDENTITY_VIEW, augmentView, drawTransform, transformBox } from './data/augment.ts';
export type { AugmentOptions, AugmentedView, ViewTransform } from './data/augment.ts';
export { boxDownsample, toFloatImage, toRgbImage, writeInputTensor } from './data/raster.ts';
export type { FloatImage, RgbImage } from './data/raster.ts';
export { LabelIndex, sceneSample } from './data/scene-sample.ts';
export type { NormalizedBox, SampleObject, SampleRelation, SceneSample } from './data/scene-sample.ts';

export { SggNetwork } from './network/sgg-network.ts';
export { IMAGE_INPUT, attributeOutputName, buildContractGraph, contractOutputNames } from './network/contract-graph.ts';
export { trainingDefinition } from './network/training-definition.ts';
export { contractModelBytes, generatorManifest, writeGenerator } from './network/export-generator.ts';
export type { GeneratorProvenance } from './network/export-generator.ts';

export { SGG_MANIFEST_FORMAT, SggManifestSchema, parseSggManifest, readSggManifest, sggManifestPath } from './inference/manifest.ts';
export type { SggManifest } from './inference/manifest.ts';
export { SceneGraphGenerator, loadSceneGraphGenerator } from './inference/generator.ts';
export type { GeneratorOptions, Prediction } from './inference/generator.ts';
export { DEFAULT_DECODE, boxIou, decodeDetections, toSceneGraph } from './inference/decode.ts';
export type { DecodeOptions, DecodedScene, Detection, ImageInfo, RawDetections, RelationCandidate } from './inference/decode.ts';
export { decodeImage, readImageFile, toInputRaster } from './inference/image-input.ts';
export type { ImageGeometry } from './inference/image-input.ts';
export { IMAGE_EXTENSIONS, findImage, listImages } from './inference/image-folder.ts';
export { errorsPathFor, extractSceneGraphs } from './inference/extract.ts';
export type { ExtractFailure, ExtractOptions, ExtractSummary } from './inference/extract.ts';

export { DEFAULT_EVALUATOR, PROTOCOLS, SggEvaluator, matchByIou } from './eval/evaluate.ts';
export type { EvaluatorOptions, Protocol, SggMetrics } from './eval/evaluate.ts';
export { averagePrecisionFromHits } from './eval/average-precision.ts';
export { evaluateFolder, evaluateItems } from './eval/evaluate-folder.ts';
export type { EvalItem, FolderEvalOptions, FolderEvalResult } from './eval/evaluate-folder.ts';
export { formatSggMetrics } from './eval/format-metrics.ts';

export { DEFAULT_TRAIN, metricSummary, selectionScore, trainSgg, worldEvalItems } from './train/train-sgg.ts';
export type { TrainEvents, TrainResult, TrainSggOptions } from './train/train-sgg.ts';
