/**
 * CLEVR scene JSON -> SceneGraph. One node per object (key = its index in the scene, as a string), named by
 * its shape, with attributes [color, size, material] and an approximate box; one edge per spatial
 * relationship.
 *
 * Direction convention. CLEVR stores `relationships[kind][i]` = the objects that are `kind` of object i
 * ("j in left[i]" means "object j is left of object i"). Our edges read "subject <predicate> object", so
 * every j in relationships[kind][i] becomes the edge j -> i with predicate CLEVR_PREDICATES[kind]
 * (`to the left of`, `to the right of`, `in front of`, `behind`). Edges are added subject by subject,
 * then in the order left, right, front, behind, then by ascending object index.
 */
import { GraphFormatError, type JsonPath } from '../errors/graph-format-error.ts';
import { createSceneGraph, type SceneGraph } from '../scene-graph.ts';
import {
  approximateClevrBox,
  CLEVR_DEFAULT_DIRECTIONS,
  CLEVR_SIZE_RADIUS,
  clevrRelationships,
  clevrWorldFromCameraAligned,
  projectClevrPoint,
  type ClevrPixel,
  type Vector3,
} from './clevr-geometry.ts';
import { CLEVR_RELATION_KINDS, ClevrSceneSchema, type ClevrObject, type ClevrRelationKind, type ClevrScene } from './clevr-schema.ts';
import { parseWith } from './gqa-schema.ts';

/** Our predicate for each CLEVR relationship kind. */
export const CLEVR_PREDICATES: Readonly<Record<ClevrRelationKind, string>> = {
  left: 'to the left of',
  right: 'to the right of',
  front: 'in front of',
  behind: 'behind',
};

export interface ClevrImportOptions {
  /** Width of the rendered images in pixels. Default 480 (CLEVR v1.0); the generator's default is 320. */
  imageWidth?: number;
  /** Height of the rendered images in pixels. Default 320 (CLEVR v1.0); the generator's default is 240. */
  imageHeight?: number;
  /**
   * Names scenes that have an `image_index` but no `image_filename` (predicted scenes) as
   * `CLEVR_<split>_<index, 6 digits>`, like CLEVR's image files. Default: the scene's own `split` field;
   * without either, the imageId is the bare index.
   */
  split?: string;
  /**
   * When to compute relationships with CLEVR's own rule from the 3-D positions: `'missing'` (default) for
   * scenes without a `relationships` field whose objects all have a position, `'always'` (an object
   * without a position is then an error), or `'never'`.
   */
  deriveRelationships?: 'missing' | 'always' | 'never';
  /**
   * Frame of an object's `position` field (predicted scenes): `'camera-aligned'` (default; what NS-VQA
   * style parsers write, see clevrWorldFromCameraAligned) or `'world'` (like `3d_coords`).
   */
  positionFrame?: 'camera-aligned' | 'world';
  /** Bounding radius per size name (default CLEVR_SIZE_RADIUS: large 0.7, small 0.35). */
  radii?: Readonly<Record<string, number>>;
  /** Named in error messages. */
  file?: string;
}

const OBJECT_FIELDS = new Set(['shape', 'color', 'size', 'material', 'confidence']);
const SCENE_FIELDS = new Set(['objects', 'relationships']);

function extraFields(value: Record<string, unknown>, known: Set<string>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const [key, field] of Object.entries(value)) {
    if (!known.has(key)) (extra ??= {})[key] = field;
  }
  return extra;
}

function imageIdOf(scene: ClevrScene, options: ClevrImportOptions, path: JsonPath): string {
  if (scene.image_filename !== undefined) return scene.image_filename.replace(/\.[^./\\]*$/, '');
  if (scene.image_index === undefined) {
    throw new GraphFormatError('clevr: scene has neither image_filename nor image_index', path, options.file);
  }
  const split = options.split ?? scene.split;
  return split ? `CLEVR_${split}_${String(scene.image_index).padStart(6, '0')}` : String(scene.image_index);
}

function worldPosition(object: ClevrObject, options: ClevrImportOptions): Vector3 | undefined {
  if (object['3d_coords']) return object['3d_coords'];
  if (!object.position) return undefined;
  return (options.positionFrame ?? 'camera-aligned') === 'world' ? object.position : clevrWorldFromCameraAligned(object.position);
}

function pixelOf(object: ClevrObject, options: ClevrImportOptions, width: number, height: number, path: JsonPath): ClevrPixel {
  const { file } = options;
  let pixel: ClevrPixel;
  let where: JsonPath = path;
  if (object.pixel_coords) {
    const [x, y, depth] = object.pixel_coords;
    pixel = { x, y, depth };
    where = [...path, 'pixel_coords', 2];
  } else {
    const world = worldPosition(object, options);
    if (!world) throw new GraphFormatError('clevr: object needs pixel_coords, 3d_coords or position for its box', path, file);
    pixel = projectClevrPoint(world, width, height);
  }
  if (!(pixel.depth > 0)) throw new GraphFormatError(`clevr: object is not in front of the camera (depth ${pixel.depth})`, where, file);
  return pixel;
}

/** Checks stored relationship lists: one list per object, indices in range, no self or repeated index. */
function checkedRelationships(
  stored: NonNullable<ClevrScene['relationships']>,
  count: number,
  path: JsonPath,
  file?: string,
): Partial<Record<ClevrRelationKind, number[][]>> {
  const result: Partial<Record<ClevrRelationKind, number[][]>> = {};
  for (const kind of CLEVR_RELATION_KINDS) {
    const lists = stored[kind];
    if (!lists) continue;
    if (lists.length !== count) {
      throw new GraphFormatError(`clevr: ${lists.length} lists for ${count} objects`, [...path, kind], file);
    }
    lists.forEach((list, i) => {
      const seen = new Set<number>();
      list.forEach((j, k) => {
        const where = [...path, kind, i, k];
        if (j >= count) throw new GraphFormatError(`clevr: object index ${j} out of range (${count} objects)`, where, file);
        if (j === i) throw new GraphFormatError(`clevr: object ${i} related to itself`, where, file);
        if (seen.has(j)) throw new GraphFormatError(`clevr: object index ${j} repeated`, where, file);
        seen.add(j);
      });
    });
    result[kind] = lists;
  }
  return result;
}

function derivedRelationships(scene: ClevrScene, options: ClevrImportOptions, path: JsonPath): Record<ClevrRelationKind, number[][]> {
  const { file } = options;
  const positions = scene.objects.map((object, i) => {
    const world = worldPosition(object, options);
    if (!world) throw new GraphFormatError('clevr: deriving relationships needs 3d_coords or position', [...path, 'objects', i], file);
    return world;
  });
  const given = scene.directions;
  const directions = CLEVR_RELATION_KINDS.every((kind) => given?.[kind])
    ? (given as Record<ClevrRelationKind, Vector3>)
    : CLEVR_DEFAULT_DIRECTIONS;
  return clevrRelationships(positions, directions);
}

/**
 * One CLEVR scene (ground truth or predicted) as a SceneGraph. `path` prefixes error paths (for a scene
 * inside a file, e.g. `['scenes', 3]`). Throws GraphFormatError naming the bad field.
 */
export function sceneGraphFromClevr(json: unknown, options: ClevrImportOptions = {}, path: JsonPath = []): SceneGraph {
  const { file } = options;
  const width = options.imageWidth ?? 480;
  const height = options.imageHeight ?? 320;
  const radii = options.radii ?? CLEVR_SIZE_RADIUS;
  const scene = parseWith(ClevrSceneSchema, json, path, file);
  const sceneExtra = extraFields(scene, SCENE_FIELDS);
  const graph = createSceneGraph({
    imageId: imageIdOf(scene, options, path),
    width,
    height,
    ...(sceneExtra ? { extra: sceneExtra } : {}),
  });

  scene.objects.forEach((object, i) => {
    const where = [...path, 'objects', i];
    const radius = radii[object.size];
    if (radius === undefined) throw new GraphFormatError(`clevr: unknown size "${object.size}"`, [...where, 'size'], file);
    const box = approximateClevrBox(pixelOf(object, options, width, height, where), object.shape, radius, width, height);
    const extra = extraFields(object, OBJECT_FIELDS);
    graph.addNode(String(i), {
      id: String(i),
      name: object.shape,
      box,
      attributes: [object.color, object.size, object.material],
      ...(object.confidence !== undefined ? { score: object.confidence } : {}),
      ...(extra ? { extra } : {}),
    });
  });

  const mode = options.deriveRelationships ?? 'missing';
  // 'missing' derives only where it can: a scene with pixel_coords alone and no relationships has none.
  const derive = mode === 'always' ||
    (mode === 'missing' && !scene.relationships && scene.objects.every((object) => worldPosition(object, options)));
  const relationships = derive
    ? derivedRelationships(scene, options, path)
    : scene.relationships
      ? checkedRelationships(scene.relationships, scene.objects.length, [...path, 'relationships'], file)
      : {};

  // Invert "j is kind of i" into per-subject lists, so edges come out grouped by subject.
  const bySubject: [ClevrRelationKind, number][][] = scene.objects.map(() => []);
  for (const kind of CLEVR_RELATION_KINDS) {
    relationships[kind]?.forEach((list, i) => {
      for (const j of list) bySubject[j]?.push([kind, i]);
    });
  }
  bySubject.forEach((list, j) => {
    for (const [kind, i] of list) graph.addDirectedEdge(String(j), String(i), { predicate: CLEVR_PREDICATES[kind] });
  });
  return graph;
}

/**
 * Every scene of a CLEVR scenes document: `{scenes: [...]}` (CLEVR's files), a bare array of scenes, or one
 * scene. Two scenes with the same imageId are an error.
 */
export function sceneGraphsFromClevr(json: unknown, options: ClevrImportOptions = {}): SceneGraph[] {
  let scenes: unknown[];
  let base: JsonPath;
  if (Array.isArray(json)) {
    scenes = json;
    base = [];
  } else if (json !== null && typeof json === 'object' && Array.isArray((json as { scenes?: unknown }).scenes)) {
    scenes = (json as { scenes: unknown[] }).scenes;
    base = ['scenes'];
  } else if (json !== null && typeof json === 'object' && 'objects' in json) {
    return [sceneGraphFromClevr(json, options)];
  } else {
    throw new GraphFormatError('clevr: expected {scenes: [...]}, an array of scenes or one scene', [], options.file);
  }
  const firstIndexOf = new Map<string, number>();
  return scenes.map((scene, i) => {
    const graph = sceneGraphFromClevr(scene, options, [...base, i]);
    checkUniqueImageId(firstIndexOf, graph.getAttribute('imageId'), i, [...base, i], options.file);
    return graph;
  });
}

/** Records `imageId` as seen at `index`, or throws naming both places. */
export function checkUniqueImageId(firstIndexOf: Map<string, number>, imageId: string, index: number, path: JsonPath, file?: string): void {
  const first = firstIndexOf.get(imageId);
  if (first !== undefined) {
    throw new GraphFormatError(`clevr: imageId "${imageId}" already used by scene ${first}`, path, file);
  }
  firstIndexOf.set(imageId, index);
}
