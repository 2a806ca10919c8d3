/**
 * GQA scene-graph JSON <-> SceneGraph, lossless both ways: every field, including ones this project does
 * not model, and the order of objects and of each object's relations survive a round trip.
 */
import { GraphFormatError, type JsonPath } from '../errors/graph-format-error.ts';
import { createSceneGraph, type ObjectAttrs, type RelationAttrs, type SceneAttrs, type SceneGraph } from '../scene-graph.ts';
import { GqaSceneSchema, parseWith, type GqaObject, type GqaRelation, type GqaScene } from './gqa-schema.ts';

const OBJECT_FIELDS = new Set(['name', 'x', 'y', 'w', 'h', 'attributes', 'relations', 'score', 'scores']);
const SCENE_FIELDS = new Set(['width', 'height', 'location', 'weather', 'objects']);
const RELATION_FIELDS = new Set(['name', 'object', 'score']);

function extraFields(value: Record<string, unknown>, known: Set<string>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const [key, field] of Object.entries(value)) {
    if (!known.has(key)) (extra ??= {})[key] = field;
  }
  return extra;
}

export interface FromGqaOptions {
  /** Prefix for error paths (default: `[imageId]`, as in a scene-graphs file). */
  path?: JsonPath;
  file?: string;
}

/**
 * Builds a SceneGraph from one GQA scene (the value under `imageId` in a sceneGraphs file). Validates the
 * shape with zod and the references by hand: a relation to a missing object is an error at its path.
 */
export function sceneGraphFromGqa(imageId: string, json: unknown, options: FromGqaOptions = {}): SceneGraph {
  const base = options.path ?? [imageId];
  const scene: GqaScene = parseWith(GqaSceneSchema, json, base, options.file);
  const attrs: SceneAttrs = { imageId, width: scene.width, height: scene.height };
  if (scene.location !== undefined) attrs.location = scene.location;
  if (scene.weather !== undefined) attrs.weather = scene.weather;
  const sceneExtra = extraFields(scene, SCENE_FIELDS);
  if (sceneExtra) attrs.extra = sceneExtra;
  const graph = createSceneGraph(attrs);

  for (const [id, object] of Object.entries(scene.objects)) graph.addNode(id, objectAttrs(id, object));
  for (const [id, object] of Object.entries(scene.objects)) {
    object.relations.forEach((relation: GqaRelation, index: number) => {
      if (!graph.hasNode(relation.object)) {
        throw new GraphFormatError(
          `relation "${relation.name}" points to missing object "${relation.object}"`,
          [...base, 'objects', id, 'relations', index, 'object'],
          options.file,
        );
      }
      const edge: RelationAttrs = { predicate: relation.name };
      if (relation.score !== undefined) edge.score = relation.score;
      const extra = extraFields(relation, RELATION_FIELDS);
      if (extra) edge.extra = extra;
      graph.addEdge(id, relation.object, edge);
    });
  }
  return graph;
}

function objectAttrs(id: string, object: GqaObject): ObjectAttrs {
  const attrs: ObjectAttrs = {
    id,
    name: object.name,
    box: { x: object.x, y: object.y, w: object.w, h: object.h },
    attributes: [...object.attributes],
  };
  if (object.score !== undefined) attrs.score = object.score;
  if (object.scores !== undefined) attrs.scores = object.scores;
  const extra = extraFields(object, OBJECT_FIELDS);
  if (extra) attrs.extra = extra;
  return attrs;
}

/** The GQA JSON of a SceneGraph (the value to store under its imageId). */
export function sceneGraphToGqa(graph: SceneGraph): GqaScene {
  const scene = graph.getAttributes();
  const objects: Record<string, GqaObject> = {};
  graph.forEachNode((id, attrs) => {
    const object: GqaObject = {
      ...attrs.extra,
      name: attrs.name,
      x: attrs.box.x,
      y: attrs.box.y,
      w: attrs.box.w,
      h: attrs.box.h,
      attributes: [...attrs.attributes],
      relations: [],
    };
    if (attrs.score !== undefined) object.score = attrs.score;
    if (attrs.scores !== undefined) object.scores = attrs.scores;
    objects[id] = object;
  });
  // Global edge order is insertion order, so each subject's relations come back in their original order.
  graph.forEachEdge((_key, attrs, subject, object) => {
    const relation: GqaRelation = { ...attrs.extra, name: attrs.predicate, object };
    if (attrs.score !== undefined) relation.score = attrs.score;
    objects[subject]!.relations.push(relation);
  });
  const out: GqaScene = { ...scene.extra, width: scene.width, height: scene.height, objects };
  if (scene.location !== undefined) out.location = scene.location;
  if (scene.weather !== undefined) out.weather = scene.weather;
  return out;
}

/** A whole scene-graphs file's JSON from SceneGraphs (small collections; stream large ones). */
export function sceneGraphsToGqaFile(graphs: Iterable<SceneGraph>): Record<string, GqaScene> {
  const out: Record<string, GqaScene> = {};
  for (const graph of graphs) out[graph.getAttributes().imageId] = sceneGraphToGqa(graph);
  return out;
}
