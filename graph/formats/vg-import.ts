/**
 * Visual Genome annotation files (already parsed) -> SceneGraphs keyed by image id. The per-image rules
 * are in vg-scene.ts; this module validates each file's entries, groups them by image and sizes each
 * scene from image_data.json.
 */
import { GraphFormatError, type JsonPath } from '../errors/graph-format-error.ts';
import type { SceneGraph } from '../scene-graph.ts';
import { parseWith } from './gqa-schema.ts';
import { resolveVgOptions, VgSceneBuilder, type VgResolvedOptions, type VisualGenomeImportOptions } from './vg-scene.ts';
import {
  VgImageAttributesSchema,
  VgImageDataSchema,
  VgImageObjectsSchema,
  VgImageRelationshipsSchema,
  type VgImageAttributes,
  type VgImageData,
  type VgImageObjects,
  type VgImageRelationships,
} from './vg-schema.ts';

/** The three per-image annotation files, in the order their entries are applied to a scene. */
export const VG_ANNOTATION_SOURCES = ['objects', 'attributes', 'relationships'] as const;
export type VgAnnotationSource = (typeof VG_ANNOTATION_SOURCES)[number];

/** One validated entry of an annotation file and where it sits. */
export type VgEntry =
  | { source: 'objects'; imageId: number; path: JsonPath; value: VgImageObjects }
  | { source: 'attributes'; imageId: number; path: JsonPath; value: VgImageAttributes }
  | { source: 'relationships'; imageId: number; path: JsonPath; value: VgImageRelationships };

/** Validates entry `index` of an annotation file. */
export function parseVgEntry(source: VgAnnotationSource, value: unknown, index: number, options: VgResolvedOptions): VgEntry {
  const path: JsonPath = [index];
  const file = options.files[source];
  switch (source) {
    case 'objects': {
      const entry = parseWith(VgImageObjectsSchema, value, path, file);
      return { source, imageId: entry.image_id, path, value: entry };
    }
    case 'attributes': {
      const entry = parseWith(VgImageAttributesSchema, value, path, file);
      return { source, imageId: entry.image_id, path, value: entry };
    }
    case 'relationships': {
      const entry = parseWith(VgImageRelationshipsSchema, value, path, file);
      return { source, imageId: entry.image_id, path, value: entry };
    }
  }
}

/** image_data.json as a map from image id to its record; a repeated id is an error. */
export class VgImageDataIndex {
  private readonly byId = new Map<number, VgImageData>();

  constructor(private readonly options: VgResolvedOptions) {}

  add(value: unknown, index: number): void {
    const file = this.options.files.imageData;
    const entry = parseWith(VgImageDataSchema, value, [index], file);
    const imageId = (entry.image_id ?? entry.id) as number;
    if (this.byId.has(imageId)) throw new GraphFormatError(`visual-genome: duplicate image_id ${imageId}`, [index], file);
    this.byId.set(imageId, entry);
  }

  /** The record of `entry`'s image, or an error at the entry when image_data.json lacks it. */
  require(entry: VgEntry): VgImageData {
    const found = this.byId.get(entry.imageId);
    if (!found) {
      throw new GraphFormatError(
        `visual-genome: image ${entry.imageId} is not in ${this.options.files.imageData}`,
        [...entry.path, 'image_id'],
        this.options.files[entry.source],
      );
    }
    return found;
  }
}

/** One image's entries, at most one per file. */
export type VgImageParts = Partial<Record<VgAnnotationSource, VgEntry>>;

/** Builds one image's scene from its entries (objects, then attributes, then relationships). */
export function buildVgScene(imageId: number, parts: VgImageParts, imageData: VgImageDataIndex | undefined, options: VgResolvedOptions): SceneGraph {
  const builder = new VgSceneBuilder(imageId, options);
  let first: VgEntry | undefined;
  for (const source of VG_ANNOTATION_SOURCES) {
    const entry = parts[source];
    if (!entry) continue;
    first ??= entry;
    if (entry.source === 'objects') builder.addObjects(entry.value, entry.path);
    else if (entry.source === 'attributes') builder.addAttributes(entry.value, entry.path);
    else builder.addRelationships(entry.value, entry.path);
  }
  return builder.build(imageData && first ? imageData.require(first) : undefined);
}

/** Remembers which images a file has listed, to report a repeated image_id. */
export function checkNewImage(seen: Set<number>, entry: VgEntry, options: VgResolvedOptions): void {
  if (seen.has(entry.imageId)) {
    throw new GraphFormatError(`visual-genome: image_id ${entry.imageId} listed twice`, [...entry.path, 'image_id'], options.files[entry.source]);
  }
  seen.add(entry.imageId);
}

/** Parsed Visual Genome files; each is optional, at least one annotation file is needed for any scene. */
export interface VisualGenomeSources {
  objects?: unknown;
  attributes?: unknown;
  relationships?: unknown;
  imageData?: unknown;
}

function arrayOf(json: unknown, file: string): unknown[] {
  if (!Array.isArray(json)) throw new GraphFormatError('visual-genome: expected an array with one entry per image', [], file);
  return json;
}

/**
 * Every image of the given (parsed) files as a SceneGraph, keyed by String(image_id), in order of first
 * appearance (objects.json first). For files too large to parse whole, use readVisualGenome.
 */
export function sceneGraphsFromVisualGenome(sources: VisualGenomeSources, options: VisualGenomeImportOptions = {}): Map<string, SceneGraph> {
  const resolved = resolveVgOptions(options);
  let imageData: VgImageDataIndex | undefined;
  if (sources.imageData !== undefined) {
    imageData = new VgImageDataIndex(resolved);
    arrayOf(sources.imageData, resolved.files.imageData).forEach((value, i) => imageData?.add(value, i));
  }
  const images = new Map<number, VgImageParts>();
  for (const source of VG_ANNOTATION_SOURCES) {
    const json = sources[source];
    if (json === undefined) continue;
    const seen = new Set<number>();
    arrayOf(json, resolved.files[source]).forEach((value, i) => {
      const entry = parseVgEntry(source, value, i, resolved);
      checkNewImage(seen, entry, resolved);
      const parts = images.get(entry.imageId) ?? {};
      images.set(entry.imageId, { ...parts, [source]: entry });
    });
  }
  const graphs = new Map<string, SceneGraph>();
  for (const [imageId, parts] of images) graphs.set(String(imageId), buildVgScene(imageId, parts, imageData, resolved));
  return graphs;
}
