/**
 * SceneGraphs -> the graph inputs of the VQA model, through graph/tensor's `tensorizeBatch` in soft mode
 * (THE tensorization path: predicted graphs give top-k distributions, annotated graphs their one-hot
 * special case). On top of the tensor batch this adds what the model's message passing needs:
 *
 * - one scene node per graph, after all object rows (row N + b for graph b). It carries the scene's
 *   location distribution, always exists (so a graph with no objects still has a node to read out) and
 *   is linked to every object both ways, so global questions ("are all the shapes …") have a hub.
 * - reverse edges: a relation s -> o gives a forward edge (o receives from s) and a reverse edge (s
 *   receives from o) with its own feature block, so information flows both ways and direction is known.
 * - a self loop on every node, so graph attention always has at least one incoming edge.
 *
 * Node features (N' = N + B rows):
 *   classProbs [N', C]   class distribution (0 on scene rows)
 *   attrProbs  [N', A]   attribute-group distributions side by side (0 on scene rows)
 *   boxes      [N', 9]   BOX_FEATURES (x1, y1, x2, y2, w, h, area, cx, cy); the whole image on scene rows
 *   sceneFeats [N', 2 + L]  [is scene node, detection score (objects), location distribution (scene)]
 * Edge features [E', 2R + 3]: forward block p_r · s (predicate distribution times the relation score),
 *   reverse block likewise, then one-hot self loop, object -> scene, scene -> object.
 */
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import type { LabelProbability } from '../../../graph/scene-graph.ts';
import { BOX_FEATURE_COUNT, tensorizeBatch } from '../../../graph/tensor/index.ts';
import type { Vocabulary } from '../../../graph/tensor/index.ts';
import { type GraphVocabularies, type GraphWidths, graphWidths } from './graph-vocabularies.ts';
import { int64Writer } from './int64.ts';

export interface GraphInputs {
  readonly widths: GraphWidths;
  /** B */
  readonly graphCount: number;
  /** N: object rows (scene nodes follow them). */
  readonly objectCount: number;
  /** N' = N + B */
  readonly nodeCount: number;
  /** E' */
  readonly edgeCount: number;
  readonly classProbs: Float32Array;
  readonly attrProbs: Float32Array;
  readonly boxes: Float32Array;
  readonly sceneFeats: Float32Array;
  /** Graph of each node row, [N']. */
  readonly nodeGraph: BigInt64Array;
  readonly edgeSrc: BigInt64Array;
  readonly edgeDst: BigInt64Array;
  readonly edgeFeats: Float32Array;
  /** Object rows of graph b: objectOffsets[b] .. objectOffsets[b + 1] - 1. */
  readonly objectOffsets: Int32Array;
  /** Object id of each object row (the way back for grounding). */
  readonly nodeIds: readonly string[];
  readonly imageIds: readonly string[];
}

export const sceneFeatureWidth = (w: GraphWidths): number => 2 + w.locations;
export const edgeFeatureWidth = (w: GraphWidths): number => 2 * w.predicates + 3;

/**
 * The location distribution of a scene: `extra.scores.location` top-k entries when a predictor wrote
 * them (renormalized over known labels), else the hard `location`, else `<unk>`.
 */
function writeLocation(out: Float32Array, offset: number, graph: SceneGraph, locations: Vocabulary): void {
  const extra = graph.getAttribute('extra') as { scores?: { location?: LabelProbability[] } } | undefined;
  const entries = extra?.scores?.location;
  if (Array.isArray(entries)) {
    let mass = 0;
    for (const e of entries) if (locations.find(e.label) !== undefined && e.p > 0) mass += e.p;
    if (mass > 0) {
      for (const e of entries) {
        const id = locations.find(e.label);
        if (id !== undefined && e.p > 0) out[offset + id] = (out[offset + id] as number) + e.p / mass;
      }
      return;
    }
  }
  const location = graph.getAttribute('location');
  out[offset + (location === undefined ? (locations.unkId ?? 0) : locations.id(location))] = 1;
}

export function buildGraphInputs(graphs: readonly SceneGraph[], vocabularies: GraphVocabularies): GraphInputs {
  const widths = graphWidths(vocabularies);
  const { classes: C, attributes: A, predicates: R } = widths;
  const S = sceneFeatureWidth(widths);
  const F = edgeFeatureWidth(widths);
  const batch = tensorizeBatch(graphs, vocabularies.scene, { mode: 'soft' });
  const B = batch.graphCount;
  const N = batch.nodeCount;
  const E = batch.edgeCount;
  const nodes = N + B;

  const classProbs = new Float32Array(nodes * C);
  classProbs.set(batch.classProbs as Float32Array);
  // Attribute groups side by side: row n = [group 0 | group 1 | ...].
  const attrProbs = new Float32Array(nodes * A);
  let groupOffset = 0;
  for (const [group, probs] of batch.attributeProbs as Map<string, Float32Array>) {
    const width = batch.attributeCounts.get(group) as number;
    for (let n = 0; n < N; n++) attrProbs.set(probs.subarray(n * width, (n + 1) * width), n * A + groupOffset);
    groupOffset += width;
  }
  const boxes = new Float32Array(nodes * BOX_FEATURE_COUNT);
  boxes.set(batch.boxes);
  const sceneFeats = new Float32Array(nodes * S);
  const nodeGraph = int64Writer(nodes);
  for (let n = 0; n < N; n++) {
    nodeGraph.set(n, batch.nodeGraph[n] as number);
    sceneFeats[n * S + 1] = batch.nodeScores[n] as number;
  }
  const WHOLE_IMAGE = [0, 0, 1, 1, 1, 1, 1, 0.5, 0.5];
  for (let b = 0; b < B; b++) {
    const row = N + b;
    nodeGraph.set(row, b);
    boxes.set(WHOLE_IMAGE, row * BOX_FEATURE_COUNT);
    sceneFeats[row * S] = 1;
    sceneFeats[row * S + 1] = 1;
    writeLocation(sceneFeats, row * S + 2, graphs[b] as SceneGraph, vocabularies.locations);
  }

  const edges = 2 * E + nodes + 2 * N;
  const edgeSrc = int64Writer(edges);
  const edgeDst = int64Writer(edges);
  const edgeFeats = new Float32Array(edges * F);
  const predicateProbs = batch.predicateProbs as Float32Array;
  let e = 0;
  for (let r = 0; r < E; r++) {
    const subject = batch.edgeIndex[r] as number;
    const object = batch.edgeIndex[E + r] as number;
    const score = batch.edgeScores[r] as number;
    for (const [src, dst, block] of [[subject, object, 0], [object, subject, R]] as const) {
      edgeSrc.set(e, src);
      edgeDst.set(e, dst);
      for (let p = 0; p < R; p++) edgeFeats[e * F + block + p] = (predicateProbs[r * R + p] as number) * score;
      e++;
    }
  }
  for (let n = 0; n < nodes; n++, e++) {
    edgeSrc.set(e, n);
    edgeDst.set(e, n);
    edgeFeats[e * F + 2 * R] = 1;
  }
  for (let n = 0; n < N; n++) {
    const scene = N + (batch.nodeGraph[n] as number);
    edgeSrc.set(e, n);
    edgeDst.set(e, scene);
    edgeFeats[e * F + 2 * R + 1] = 1;
    e++;
    edgeSrc.set(e, scene);
    edgeDst.set(e, n);
    edgeFeats[e * F + 2 * R + 2] = 1;
    e++;
  }

  const objectOffsets = new Int32Array(B + 1);
  for (let b = 0; b <= B; b++) objectOffsets[b] = batch.graphOffsets[b] as number;
  return {
    widths, graphCount: B, objectCount: N, nodeCount: nodes, edgeCount: edges,
    classProbs, attrProbs, boxes, sceneFeats, nodeGraph: nodeGraph.data, edgeSrc: edgeSrc.data, edgeDst: edgeDst.data, edgeFeats,
    objectOffsets, nodeIds: batch.nodeIds, imageIds: batch.imageIds,
  };
}

/** Input names of one view's graph tensors (prefix '' for the main view, 'b.' for the second SSL view). */
export function graphInputNames(prefix = '') {
  return {
    classProbs: `${prefix}class_probs`,
    attrProbs: `${prefix}attr_probs`,
    boxes: `${prefix}boxes`,
    sceneFeats: `${prefix}scene_feats`,
    nodeGraph: `${prefix}node_graph`,
    edgeSrc: `${prefix}edge_src`,
    edgeDst: `${prefix}edge_dst`,
    edgeFeats: `${prefix}edge_feats`,
  } as const;
}

export interface ArrayFeedLike {
  readonly data: Float32Array | BigInt64Array | Uint8Array;
  readonly dims: readonly number[];
}

/** The model feeds of `inputs` under `prefix`. */
export function graphFeeds(inputs: GraphInputs, prefix = ''): Record<string, ArrayFeedLike> {
  const names = graphInputNames(prefix);
  const { nodeCount: n, edgeCount: e, widths } = inputs;
  return {
    [names.classProbs]: { data: inputs.classProbs, dims: [n, widths.classes] },
    [names.attrProbs]: { data: inputs.attrProbs, dims: [n, widths.attributes] },
    [names.boxes]: { data: inputs.boxes, dims: [n, BOX_FEATURE_COUNT] },
    [names.sceneFeats]: { data: inputs.sceneFeats, dims: [n, sceneFeatureWidth(widths)] },
    [names.nodeGraph]: { data: inputs.nodeGraph, dims: [n] },
    [names.edgeSrc]: { data: inputs.edgeSrc, dims: [e] },
    [names.edgeDst]: { data: inputs.edgeDst, dims: [e] },
    [names.edgeFeats]: { data: inputs.edgeFeats, dims: [e, edgeFeatureWidth(widths)] },
  };
}
