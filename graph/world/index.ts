/**
 * The shapes world (DESIGN §5): seeded scene sampling, rendering to PNG, ground-truth scene graphs and
 * balanced GQA-format questions answered by the project's executor, written as a GQA-style folder.
 */
export type { WorldBackground, WorldObject, WorldScene } from './world-scene.ts';
export type { SceneSamplerOptions, WorldObjectSpec } from './scene-sampler.ts';
export type { RelationEvidence, RelationRuleOptions, WorldRelation } from './relations.ts';
export type { CoverageProbe, PaintedRegion, SceneCoverage } from './coverage.ts';
export type { Bounds, Polygon } from './shape-geometry.ts';
export type { RenderOptions } from './renderer.ts';
export type { PixelWindow } from './svg.ts';
export type { WorldDatasetCounts, WorldDatasetOptions, WorldManifest } from './dataset.ts';
export type { ContactSheetOptions } from './contact-sheet.ts';
export type { BlindBaseline, QuestionDistribution } from './question-stats.ts';
export type {
  Candidate,
  GeneratedQuestion,
  QuestionDraft,
  QuestionGeneratorOptions,
  QuestionTemplate,
  SemanticType,
  StructuralType,
} from './questions/index.ts';
export type {
  AttributeCategory,
  BackgroundName,
  ColorName,
  DirectionPredicate,
  Material,
  Predicate,
  Rgb,
  Shape,
  SizeName,
} from './vocabulary.ts';

export { Rng } from './prng.ts';
export {
  ATTRIBUTE_CATEGORIES,
  BACKGROUNDS,
  COLOR_NAMES,
  COLOR_RGB,
  MATERIALS,
  PREDICATES,
  SHAPES,
  SIZE_DIAMETER,
  SIZE_NAMES,
  WORLD_HYPERNYMS,
  WORLD_IMAGE_SIZE,
  WORLD_ONTOLOGY,
  worldVocabulary,
} from './vocabulary.ts';
export { paintedRegion, resolveSamplerOptions, sampleWorldScene, sceneCoverage, worldObject } from './scene-sampler.ts';
export { boxCentre, dominantDirection, evidenceFromCoverage, nearestNeighbours, worldRelations } from './relations.ts';
export { computeCoverage, CoverageCanvas } from './coverage.ts';
export { insetPolygon, pixelBox, polygonBounds, shapeOutline } from './shape-geometry.ts';
export { sceneRelations, worldSceneGraph } from './world-graph.ts';
export { objectsSvg, objectsWindow, tiledObjectsSvg } from './svg.ts';
export { renderBackground } from './background.ts';
export {
  blendOver,
  DEFAULT_COMPRESSION_LEVEL,
  DEFAULT_RENDER_BATCH,
  defaultRenderConcurrency,
  renderSceneRgb,
  renderScenePng,
  renderScenes,
  renderScenesRgb,
} from './renderer.ts';
export { sceneFacts, WORLD_EXECUTE_OPTIONS, WorldQuestionGenerator, worldTemplates } from './questions/index.ts';
export { generateWorldDataset, worldImageId } from './dataset.ts';
export { contactSheet } from './contact-sheet.ts';
export { legendScenes } from './legend.ts';
export { blindBaseline, formatQuestionStats, questionDistribution } from './question-stats.ts';
export { isWorldError, WorldError } from './world-error.ts';
