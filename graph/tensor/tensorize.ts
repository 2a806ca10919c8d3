/**
 * A batch of SceneGraphs -> flat typed arrays ready to become ONNX tensors. Graphs are concatenated
 * without padding ("batch node numbering": graph b's nodes are rows graphOffsets[b] .. graphOffsets[b+1]-1,
 * in each graph's node insertion order; edges follow in each graph's edge insertion order), so message
 * passing works on the whole batch with segment operations over `nodeGraph` / `edgeIndex`.
 *
 * Soft mode adds probability rows for models that embed distributions (Σ_c p_c · E_c) rather than ids:
 * - class: from `scores.name` (top-k {label, p}); entries outside the vocabulary go to `<unk>` when it
 *   exists and are dropped otherwise; the row is renormalized to sum 1. Without `scores.name`: one-hot.
 * - attribute group g: from `scores[g]` likewise (labels outside the group dropped, `<none>` allowed).
 *   Without it: 1/k on each of the object's k values of the group, or one-hot `<none>` when k = 0.
 * - predicate: one-hot per relation; with `mergeParallelEdges`, relations between the same ordered pair
 *   form one edge whose row gives each predicate its share of the summed scores (score ?? 1).
 * Hard ids are always filled: the node's `name`, the first of its attributes in group g (else `<none>`),
 * and the predicate (merged edges: the one with the largest summed score, ties to the smaller id). On
 * one-hot scores, soft rows equal the one-hot rows of the hard ids.
 *
 * Shapes (B graphs, N nodes, E edges, C classes, A_g values of group g, R predicates, F = 9):
 *   imageIds [B], nodeCounts [B], graphOffsets [B+1], edgeOffsets [B+1]
 *   nodeIds [N], nodeGraph [N], classIds [N], classProbs [N, C], attributeIds.get(g) [N],
 *   attributeProbs.get(g) [N, A_g], boxes [N, F] (BOX_FEATURES), nodeScores [N]
 *   edgeIndex [2, E] (row 0 subjects, row 1 objects), predicateIds [E], predicateProbs [E, R],
 *   edgeScores [E], edgeKeyOffsets [E+1], edgeKeys [edgeKeyOffsets[E]]
 * Index arrays (graphOffsets, edgeOffsets, nodeGraph, classIds, attributeIds, edgeIndex, predicateIds)
 * are Int32Array, or BigInt64Array with `indexType: 'int64'`. Scores default to 1 where absent.
 */
import type { LabelProbability, SceneGraph } from '../scene-graph.ts';
import { BOX_FEATURE_COUNT, writeBoxFeatures } from './box-features.ts';
import type { SceneVocabularies } from './scene-vocabularies.ts';
import { TensorizeError } from './tensorize-error.ts';
import { UNK, type Vocabulary } from './vocabulary.ts';
import { VocabularyError } from './vocabulary-error.ts';

export type IndexArray = Int32Array | BigInt64Array;

export interface TensorizeOptions {
  /** `'hard'` (default): ids only; `'soft'`: also the probability rows. */
  mode?: 'hard' | 'soft';
  /** One edge per ordered node pair instead of one per relation (default false). */
  mergeParallelEdges?: boolean;
  /** Element type of the index arrays (default `'int32'`). */
  indexType?: 'int32' | 'int64';
}

export interface TensorBatch<I extends IndexArray = Int32Array> {
  graphCount: number;
  nodeCount: number;
  edgeCount: number;
  /** C, R and A_g of the vocabularies used: the widths of the probability rows. */
  classCount: number;
  predicateCount: number;
  attributeCounts: Map<string, number>;
  imageIds: string[];
  nodeCounts: Int32Array;
  graphOffsets: I;
  edgeOffsets: I;
  /** Node key of each row: the way back from tensor rows to objects (grounding). */
  nodeIds: string[];
  nodeGraph: I;
  classIds: I;
  classProbs: Float32Array | undefined;
  attributeIds: Map<string, I>;
  attributeProbs: Map<string, Float32Array> | undefined;
  boxes: Float32Array;
  nodeScores: Float32Array;
  edgeIndex: I;
  predicateIds: I;
  predicateProbs: Float32Array | undefined;
  edgeScores: Float32Array;
  /** Relation edge keys of each edge row e: edgeKeys[edgeKeyOffsets[e] .. edgeKeyOffsets[e+1]). */
  edgeKeys: string[];
  edgeKeyOffsets: Int32Array;
}

/** Ids of the current top-k entries (-1 = dropped), reused across calls to keep the hot loop allocation-free. */
let scratchIds = new Int32Array(16);

/**
 * Writes a top-k distribution, renormalized to sum 1, into `out[offset ..)` (ids from `vocab`; labels it
 * lacks go to `<unk>` or are dropped). Touches only the k entries. Returns false when no mass landed.
 */
function writeDistribution(out: Float32Array, offset: number, vocab: Vocabulary, entries: readonly LabelProbability[]): boolean {
  const k = entries.length;
  if (scratchIds.length < k) scratchIds = new Int32Array(2 * k);
  let mass = 0;
  for (let i = 0; i < k; i++) {
    const { label, p } = entries[i] as LabelProbability;
    const id = p > 0 ? (vocab.find(label) ?? vocab.unkId ?? -1) : -1;
    scratchIds[i] = id;
    if (id >= 0) mass += p;
  }
  if (!(mass > 0)) return false;
  for (let i = 0; i < k; i++) {
    const id = scratchIds[i] as number;
    if (id >= 0) out[offset + id] = (out[offset + id] as number) + (entries[i] as LabelProbability).p / mass;
  }
  return true;
}

function nodePlace(b: number, imageId: string, key: string): string {
  return `tensor/tensorize: graph ${b} (image "${imageId}"), node "${key}"`;
}

function toInt64(values: Int32Array): BigInt64Array {
  const out = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i] ?? 0);
  return out;
}

export function tensorizeBatch(
  graphs: readonly SceneGraph[],
  vocabularies: SceneVocabularies,
  options?: TensorizeOptions & { indexType?: 'int32' },
): TensorBatch<Int32Array>;
export function tensorizeBatch(
  graphs: readonly SceneGraph[],
  vocabularies: SceneVocabularies,
  options: TensorizeOptions & { indexType: 'int64' },
): TensorBatch<BigInt64Array>;
export function tensorizeBatch(
  graphs: readonly SceneGraph[],
  vocabularies: SceneVocabularies,
  options: TensorizeOptions = {},
): TensorBatch<Int32Array> | TensorBatch<BigInt64Array> {
  const soft = options.mode === 'soft';
  const merge = options.mergeParallelEdges ?? false;
  const { classes, predicates } = vocabularies;
  const groups = [...vocabularies.attributeGroups];
  const groupNames = groups.map(([group]) => group);
  const groupVocabs = groups.map(([, vocab]) => vocab);
  const G = groups.length;
  const B = graphs.length;
  let N = 0;
  for (const graph of graphs) N += graph.order;
  const C = classes.size;

  const imageIds: string[] = new Array<string>(B);
  const nodeCounts = new Int32Array(B);
  const graphOffsets = new Int32Array(B + 1);
  const edgeOffsets = new Int32Array(B + 1);
  const nodeIds: string[] = new Array<string>(N);
  const nodeGraph = new Int32Array(N);
  const classIds = new Int32Array(N);
  const classProbs = soft ? new Float32Array(N * C) : undefined;
  const attributeIds = groups.map(() => new Int32Array(N));
  const attributeProbs = soft ? groups.map(([, vocab]) => new Float32Array(N * vocab.size)) : undefined;
  const boxes = new Float32Array(N * BOX_FEATURE_COUNT);
  const nodeScores = new Float32Array(N);
  // Per relation (M = total relations): its edge row, predicate id, score and key. Edge rows are the
  // relations themselves, or one per ordered node pair when merging.
  let M = 0;
  for (const graph of graphs) M += graph.size;
  const relationEdge = new Int32Array(M);
  const relationPredicate = new Int32Array(M);
  const relationScore = new Float32Array(M);
  const relationKey: string[] = new Array<string>(M);
  const edgeSources = new Int32Array(M);
  const edgeTargets = new Int32Array(M);
  let relationCount = 0;
  let E = 0;

  let row = 0;
  graphs.forEach((graph, b) => {
    const { imageId, width, height } = graph.getAttributes();
    imageIds[b] = imageId;
    if (!(width > 0) || !(height > 0)) {
      throw new TensorizeError(`tensor/tensorize: graph ${b} (image "${imageId}") has size ${width}x${height}`);
    }
    const rowOf = new Map<string, number>();
    graphOffsets[b] = row;
    graph.forEachNode((key, attrs) => {
      rowOf.set(key, row);
      nodeIds[row] = key;
      nodeGraph[row] = b;
      const classId = classes.find(attrs.name) ?? classes.unkId;
      if (classId === undefined) {
        throw new VocabularyError(`${nodePlace(b, imageId, key)}: class "${attrs.name}" is unknown and the vocabulary has no ${UNK}`);
      }
      classIds[row] = classId;
      if (classProbs) {
        const scores = attrs.scores?.name;
        if (!scores || !writeDistribution(classProbs, row * C, classes, scores)) classProbs[row * C + classId] = 1;
      }
      for (let g = 0; g < G; g++) {
        const vocab = groupVocabs[g] as Vocabulary;
        let first: number | undefined;
        let present = 0;
        for (const attribute of attrs.attributes) {
          const id = vocab.find(attribute);
          if (id === undefined) continue;
          first ??= id;
          present += 1;
        }
        const noneId = vocab.noneId as number;
        (attributeIds[g] as Int32Array)[row] = first ?? noneId;
        const probs = attributeProbs?.[g];
        if (!probs) continue;
        const offset = row * vocab.size;
        const scores = attrs.scores?.[groupNames[g] as string];
        if (scores && writeDistribution(probs, offset, vocab, scores)) continue;
        if (present === 0) {
          probs[offset + noneId] = 1;
          continue;
        }
        for (const attribute of attrs.attributes) {
          const id = vocab.find(attribute);
          if (id !== undefined) probs[offset + id] = (probs[offset + id] as number) + 1 / present;
        }
      }
      writeBoxFeatures(boxes, row * BOX_FEATURE_COUNT, attrs.box, width, height);
      nodeScores[row] = attrs.score ?? 1;
      row += 1;
    });
    nodeCounts[b] = graph.order;
    edgeOffsets[b] = E;

    const pairEdge = merge ? new Map<number, number>() : undefined;
    graph.forEachEdge((key, attrs, subject, object) => {
      const predicateId = predicates.find(attrs.predicate) ?? predicates.unkId;
      if (predicateId === undefined) {
        throw new VocabularyError(`${nodePlace(b, imageId, subject)}: predicate "${attrs.predicate}" is unknown and the vocabulary has no ${UNK}`);
      }
      const source = rowOf.get(subject) as number;
      const target = rowOf.get(object) as number;
      const pair = source * N + target;
      let e = pairEdge?.get(pair);
      if (e === undefined) {
        e = E++;
        edgeSources[e] = source;
        edgeTargets[e] = target;
        pairEdge?.set(pair, e);
      }
      relationEdge[relationCount] = e;
      relationPredicate[relationCount] = predicateId;
      relationScore[relationCount] = attrs.score ?? 1;
      relationKey[relationCount] = key;
      relationCount += 1;
    });
  });
  graphOffsets[B] = N;
  edgeOffsets[B] = E;

  // Group relations by edge row, stably (a counting sort): edge e owns order[edgeKeyOffsets[e] ..).
  const edgeKeyOffsets = new Int32Array(E + 1);
  for (let r = 0; r < M; r++) edgeKeyOffsets[(relationEdge[r] as number) + 1]! += 1;
  for (let e = 0; e < E; e++) edgeKeyOffsets[e + 1]! += edgeKeyOffsets[e] as number;
  const order = new Int32Array(M);
  const cursor = edgeKeyOffsets.slice(0, E);
  for (let r = 0; r < M; r++) order[cursor[relationEdge[r] as number]!++] = r;
  const edgeKeys: string[] = new Array<string>(M);
  for (let k = 0; k < M; k++) edgeKeys[k] = relationKey[order[k] as number] as string;

  const R = predicates.size;
  const edgeIndex = new Int32Array(2 * E);
  edgeIndex.set(edgeSources.subarray(0, E), 0);
  edgeIndex.set(edgeTargets.subarray(0, E), E);
  const predicateIds = new Int32Array(E);
  const predicateProbs = soft ? new Float32Array(E * R) : undefined;
  const edgeScores = new Float32Array(E);
  const total = new Float64Array(R); // summed score per predicate of the current edge, reset after it
  for (let e = 0; e < E; e++) {
    const begin = edgeKeyOffsets[e] as number;
    const end = edgeKeyOffsets[e + 1] as number;
    let sum = 0;
    let maxScore = -Infinity;
    for (let k = begin; k < end; k++) {
      const r = order[k] as number;
      const score = relationScore[r] as number;
      const id = relationPredicate[r] as number;
      total[id] = (total[id] as number) + score;
      sum += score;
      if (score > maxScore) maxScore = score;
    }
    let best = relationPredicate[order[begin] as number] as number;
    for (let k = begin + 1; k < end; k++) {
      const id = relationPredicate[order[k] as number] as number;
      const t = total[id] as number;
      const tb = total[best] as number;
      if (t > tb || (t === tb && id < best)) best = id;
    }
    predicateIds[e] = best;
    edgeScores[e] = maxScore;
    if (predicateProbs) {
      const offset = e * R;
      const count = end - begin;
      for (let k = begin; k < end; k++) {
        const id = relationPredicate[order[k] as number] as number;
        predicateProbs[offset + id] = sum > 0 ? (total[id] as number) / sum : 1 / count;
      }
    }
    for (let k = begin; k < end; k++) total[relationPredicate[order[k] as number] as number] = 0;
  }

  const base = {
    graphCount: B,
    nodeCount: N,
    edgeCount: E,
    classCount: C,
    predicateCount: R,
    attributeCounts: new Map(groups.map(([group, vocab]) => [group, vocab.size])),
    imageIds,
    nodeCounts,
    nodeIds,
    classProbs,
    attributeProbs: attributeProbs ? new Map(groups.map(([group], g) => [group, attributeProbs[g] as Float32Array])) : undefined,
    boxes,
    nodeScores,
    predicateProbs,
    edgeScores,
    edgeKeys,
    edgeKeyOffsets,
  };
  const indexArrays = { graphOffsets, edgeOffsets, nodeGraph, classIds, edgeIndex, predicateIds };
  if (options.indexType === 'int64') {
    return {
      ...base,
      graphOffsets: toInt64(graphOffsets),
      edgeOffsets: toInt64(edgeOffsets),
      nodeGraph: toInt64(nodeGraph),
      classIds: toInt64(classIds),
      edgeIndex: toInt64(edgeIndex),
      predicateIds: toInt64(predicateIds),
      attributeIds: new Map(groups.map(([group], g) => [group, toInt64(attributeIds[g] as Int32Array)])),
    };
  }
  return { ...base, ...indexArrays, attributeIds: new Map(groups.map(([group], g) => [group, attributeIds[g] as Int32Array])) };
}

/** Which graph, image and node a node row stands for. */
export function nodeAt(batch: TensorBatch<IndexArray>, row: number): { graphIndex: number; imageId: string; nodeId: string } {
  const nodeId = batch.nodeIds[row];
  if (nodeId === undefined) throw new TensorizeError(`tensor/nodeAt: row ${row} out of range 0..${batch.nodeCount - 1}`);
  const graphIndex = Number(batch.nodeGraph[row]);
  return { graphIndex, imageId: batch.imageIds[graphIndex] as string, nodeId };
}

/** The tensor dims of every array of `batch`, by field name (attribute arrays as `attributeIds.<group>`). */
export function tensorShapes(batch: TensorBatch<IndexArray>): Record<string, number[]> {
  const { graphCount: B, nodeCount: N, edgeCount: E } = batch;
  const shapes: Record<string, number[]> = {
    nodeCounts: [B],
    graphOffsets: [B + 1],
    edgeOffsets: [B + 1],
    nodeGraph: [N],
    classIds: [N],
    boxes: [N, BOX_FEATURE_COUNT],
    nodeScores: [N],
    edgeIndex: [2, E],
    predicateIds: [E],
    edgeScores: [E],
    edgeKeyOffsets: [E + 1],
  };
  if (batch.classProbs) shapes.classProbs = [N, batch.classCount];
  if (batch.predicateProbs) shapes.predicateProbs = [E, batch.predicateCount];
  for (const group of batch.attributeIds.keys()) shapes[`attributeIds.${group}`] = [N];
  for (const group of batch.attributeProbs?.keys() ?? []) shapes[`attributeProbs.${group}`] = [N, batch.attributeCounts.get(group) ?? 0];
  return shapes;
}
