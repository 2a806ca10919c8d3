/**
 * The one scene-graph type of the project: a graphology (multi) DirectedGraph whose nodes are objects and whose
 * (multi-)edges are relations, subject -> object. Annotated graphs (GQA, CLEVR, Visual Genome, the shapes
 * world) and predicted graphs (the scene-graph generator) share it; predicted graphs fill the optional
 * `score` / `scores` fields.
 */
import { MultiDirectedGraph } from 'graphology';

/** An axis-aligned box in pixels: x, y = top-left corner (GQA's convention). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One entry of a predicted top-k distribution. */
export interface LabelProbability {
  label: string;
  p: number;
}

/** Per-head top-k distributions of a predicted object: `name` and one entry per attribute group. */
export type HeadScores = Record<string, LabelProbability[]>;

export interface ObjectAttrs {
  /** Same as the node key; kept on the attributes so an object is self-describing. */
  id: string;
  name: string;
  box: Box;
  attributes: string[];
  /** Detection confidence (predicted graphs only). */
  score?: number;
  scores?: HeadScores;
  /** Fields of the source JSON this type does not model, kept so conversion is lossless. */
  extra?: Record<string, unknown>;
}

export interface RelationAttrs {
  predicate: string;
  /** Predicate confidence (predicted graphs only). */
  score?: number;
  extra?: Record<string, unknown>;
}

export interface SceneAttrs {
  imageId: string;
  width: number;
  height: number;
  location?: string;
  weather?: string;
  extra?: Record<string, unknown>;
}

export type SceneGraph = MultiDirectedGraph<ObjectAttrs, RelationAttrs, SceneAttrs>;

/** An empty scene graph. Multi-edges: two objects may be linked by several predicates. */
export function createSceneGraph(scene: SceneAttrs): SceneGraph {
  const graph: SceneGraph = new MultiDirectedGraph<ObjectAttrs, RelationAttrs, SceneAttrs>({ allowSelfLoops: true });
  graph.replaceAttributes({ ...scene });
  return graph;
}

export function sceneOf(graph: SceneGraph): SceneAttrs {
  return graph.getAttributes();
}

/** Objects in insertion order (the order of the source file). */
export function objectsOf(graph: SceneGraph): ObjectAttrs[] {
  return graph.mapNodes((_key, attrs) => attrs);
}

/** Relations in insertion order, which conversions rely on to keep each subject's list order. */
export interface Relation extends RelationAttrs {
  subject: string;
  object: string;
}

export function relationsOf(graph: SceneGraph): Relation[] {
  return graph.mapEdges((_key, attrs, subject, object) => ({ ...attrs, subject, object }));
}
