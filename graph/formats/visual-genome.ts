/**
 * Visual Genome importer, public surface: VG v1.2 objects.json / attributes.json / relationships.json /
 * image_data.json -> SceneGraphs keyed by image id. The conversion rules (names, attribute merging,
 * duplicates, relationship-only objects, label filters) are documented in vg-scene.ts.
 */
export { readVisualGenome } from './vg-files.ts';
export type { VisualGenomeFiles } from './vg-files.ts';
export { sceneGraphsFromVisualGenome, VG_ANNOTATION_SOURCES } from './vg-import.ts';
export type { VgAnnotationSource, VisualGenomeSources } from './vg-import.ts';
export { normalizeVgLabel, VG_DEFAULT_FILE_NAMES } from './vg-scene.ts';
export type { VgSource, VisualGenomeImportOptions, VisualGenomeLabelFilter } from './vg-scene.ts';
export {
  VgImageAttributesSchema,
  VgImageDataSchema,
  VgImageObjectsSchema,
  VgImageRelationshipsSchema,
  VgObjectRefSchema,
  VgObjectSchema,
  VgRelationshipSchema,
} from './vg-schema.ts';
export type {
  VgImageAttributes,
  VgImageData,
  VgImageObjects,
  VgImageRelationships,
  VgObject,
  VgObjectRef,
  VgRelationship,
} from './vg-schema.ts';
