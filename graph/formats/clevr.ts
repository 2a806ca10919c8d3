/**
 * CLEVR scenes importer, public surface: CLEVR scene JSON (ground truth, generator output, or predicted
 * scenes of NS-VQA style parsers) -> SceneGraph. Conventions (edge directions, approximate boxes) are
 * documented in clevr-scene.ts, clevr-geometry.ts and clevr-boxes.md.
 */
export {
  CLEVR_PREDICATES,
  sceneGraphFromClevr,
  sceneGraphsFromClevr,
} from './clevr-scene.ts';
export type { ClevrImportOptions } from './clevr-scene.ts';
export { CLEVR_STREAM_ABOVE_BYTES, readClevrScenes } from './clevr-file.ts';
export type { ClevrReadOptions } from './clevr-file.ts';
export {
  approximateClevrBox,
  CLEVR_BOX_EXTENT,
  CLEVR_DEFAULT_DIRECTIONS,
  CLEVR_DEFAULT_EXTENT,
  CLEVR_NOMINAL_CAMERA,
  CLEVR_RELATION_EPSILON,
  CLEVR_SIZE_RADIUS,
  clevrRelationships,
  clevrWorldFromCameraAligned,
  projectClevrPoint,
} from './clevr-geometry.ts';
export type { ClevrExtent, ClevrPixel, Vector3 } from './clevr-geometry.ts';
export { CLEVR_RELATION_KINDS, ClevrObjectSchema, ClevrSceneSchema } from './clevr-schema.ts';
export type { ClevrObject, ClevrRelationKind, ClevrRelationships, ClevrScene } from './clevr-schema.ts';
