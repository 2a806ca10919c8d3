/**
 * The scene-graph domain, public surface. Sub-modules have their own barrels with the full detail:
 * formats/ (GQA, CLEVR, Visual Genome), program/ (GQA semantic programs), tensor/ (batching for models),
 * world/ (the synthetic shapes world).
 */
export { createSceneGraph, objectsOf, relationsOf, sceneOf } from './scene-graph.ts';
export type {
  Box,
  HeadScores,
  LabelProbability,
  ObjectAttrs,
  Relation,
  RelationAttrs,
  SceneAttrs,
  SceneGraph,
} from './scene-graph.ts';
export { formatJsonPath, GraphFormatError, isGraphFormatError } from './errors/graph-format-error.ts';
export type { JsonPath } from './errors/graph-format-error.ts';
export { writeFileAtomic, writeJsonArrayAtomic, writeJsonObjectAtomic } from './io/atomic-write.ts';
export { SceneGraphStatsAccumulator } from './stats/scene-graph-stats.ts';
export type { Histogram, SceneGraphStats } from './stats/scene-graph-stats.ts';
