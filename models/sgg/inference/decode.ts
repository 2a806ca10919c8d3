/**
 * Decoding the contract's outputs into objects and relations (TypeScript, not in the graph, so the
 * thresholds are run-time choices):
 * 1. objects: detections with score >= scoreThreshold, by descending score; class-aware NMS drops a
 *    detection whose box overlaps a kept one of the same arg-max class with IoU > nmsIou;
 * 2. relations: for each ordered pair of kept objects, p = softmax(rel_logits[i, j]); predicate 0 ("no
 *    relation") never becomes an edge; the pair's top `predicatesPerPair` other predicates with
 *    p_r >= relationThreshold do, scored p_r * score_i * score_j; the best `maxRelations` are kept.
 * Labels and attributes are arg-maxes; each head's top-k distribution is kept for the scene graph.
 */
import { createSceneGraph, type HeadScores, type SceneGraph } from '../../../graph/scene-graph.ts';
import type { NormalizedBox } from '../data/scene-sample.ts';
import type { SggLabels } from '../config.ts';

type Labels = SggLabels;

export interface RawDetections {
  /** K, the number of detection slots. */
  readonly k: number;
  /** [K, 4] x1, y1, x2, y2 in 0..1. */
  readonly boxes: Float32Array;
  readonly scores: Float32Array;
  /** [K, C]. */
  readonly classLogits: Float32Array;
  /** Per attribute group (manifest order): [K, A_g]. */
  readonly attributeLogits: readonly Float32Array[];
  /** [K, K, R]. */
  readonly relLogits: Float32Array;
}

export interface DecodeOptions {
  /** Minimum detection score of an object (default 0.3). */
  readonly scoreThreshold: number;
  /** Class-aware NMS IoU (default 0.5). */
  readonly nmsIou: number;
  /** Minimum predicate probability of an edge (default 0.25). */
  readonly relationThreshold: number;
  /** Predicates per ordered pair (default 2: a pair can be "left of" and "in front of"). */
  readonly predicatesPerPair: number;
  /** Most relations per image (default 200). */
  readonly maxRelations: number;
  /** Entries of each head's top-k distribution (default 3). */
  readonly topK: number;
}

export const DEFAULT_DECODE: DecodeOptions = {
  scoreThreshold: 0.3,
  nmsIou: 0.5,
  relationThreshold: 0.25,
  predicatesPerPair: 2,
  maxRelations: 200,
  topK: 3,
};

export interface Detection {
  /** Detection slot (row of the model's outputs). */
  readonly slot: number;
  readonly box: NormalizedBox;
  readonly score: number;
  readonly classIndex: number;
  readonly classProbs: Float32Array;
  readonly attributeIndices: readonly number[];
  readonly attributeProbs: readonly Float32Array[];
}

export interface RelationCandidate {
  /** Indices into the decoded objects. */
  readonly subject: number;
  readonly object: number;
  readonly predicate: number;
  /** Predicate probability p_r. */
  readonly probability: number;
  /** p_r * score_subject * score_object: the ranking score of the triplet. */
  readonly score: number;
}

export interface DecodedScene {
  readonly objects: readonly Detection[];
  readonly relations: readonly RelationCandidate[];
}

/** Softmax of row `row` of a [rows, n] matrix into `out`. */
export function softmaxRow(logits: Float32Array, row: number, n: number, out = new Float32Array(n)): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[row * n + i]!);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(logits[row * n + i]! - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i] = out[i]! / sum;
  return out;
}

export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

export function boxIou(a: NormalizedBox, b: NormalizedBox): number {
  const iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

export function decodeDetections(raw: RawDetections, labels: Labels, options: Partial<DecodeOptions> = {}): DecodedScene {
  const o = { ...DEFAULT_DECODE, ...options };
  const C = labels.classes.length;
  const R = labels.predicates.length;
  const slots = Array.from({ length: raw.k }, (_, i) => i)
    .filter((i) => raw.scores[i]! >= o.scoreThreshold)
    .sort((a, b) => raw.scores[b]! - raw.scores[a]! || a - b);
  const objects: Detection[] = [];
  for (const slot of slots) {
    const b = raw.boxes;
    const box: NormalizedBox = [b[slot * 4]!, b[slot * 4 + 1]!, b[slot * 4 + 2]!, b[slot * 4 + 3]!];
    const classProbs = softmaxRow(raw.classLogits, slot, C);
    const classIndex = argMax(classProbs);
    if (objects.some((kept) => kept.classIndex === classIndex && boxIou(kept.box, box) > o.nmsIou)) continue;
    const attributeProbs = labels.attributeGroups.map((g, gi) => softmaxRow(raw.attributeLogits[gi]!, slot, g.values.length));
    objects.push({ slot, box, score: raw.scores[slot]!, classIndex, classProbs, attributeIndices: attributeProbs.map(argMax), attributeProbs });
  }

  const relations: RelationCandidate[] = [];
  const probs = new Float32Array(R);
  const order = Array.from({ length: R - 1 }, (_, i) => i + 1);
  for (let i = 0; i < objects.length; i++) {
    for (let j = 0; j < objects.length; j++) {
      if (i === j) continue;
      const si = objects[i]!;
      const sj = objects[j]!;
      softmaxRow(raw.relLogits, si.slot * raw.k + sj.slot, R, probs);
      order.sort((a, b) => probs[b]! - probs[a]!);
      for (let n = 0; n < Math.min(o.predicatesPerPair, order.length); n++) {
        const r = order[n]!;
        const p = probs[r]!;
        if (p < o.relationThreshold) break;
        relations.push({ subject: i, object: j, predicate: r, probability: p, score: p * si.score * sj.score });
      }
    }
  }
  relations.sort((a, b) => b.score - a.score);
  return { objects, relations: relations.slice(0, o.maxRelations) };
}

function topDistribution(probs: Float32Array, values: readonly string[], k: number): { label: string; p: number }[] {
  return Array.from(probs, (p, i) => ({ label: values[i]!, p }))
    .sort((a, b) => b.p - a.p)
    .slice(0, k)
    .map((e) => ({ label: e.label, p: Math.round(e.p * 1e4) / 1e4 }));
}

export interface ImageInfo {
  readonly imageId: string;
  /** Pixel size of the original image: boxes are scaled to it. */
  readonly width: number;
  readonly height: number;
}

/**
 * The decoded scene as a SceneGraph: object ids `<imageId>-<n>` in score order, boxes in the original
 * image's pixels (x, y = top-left, rounded to 0.1 px), `score` and per-head top-k `scores`, relations
 * with their predicate probability as `score`.
 */
export function toSceneGraph(decoded: DecodedScene, labels: Labels, image: ImageInfo, topK = DEFAULT_DECODE.topK): SceneGraph {
  const graph = createSceneGraph({ imageId: image.imageId, width: image.width, height: image.height });
  const round = (v: number) => Math.round(v * 10) / 10;
  const ids = decoded.objects.map((_, n) => `${image.imageId}-${n}`);
  decoded.objects.forEach((d, n) => {
    const [x1, y1, x2, y2] = d.box;
    const scores: HeadScores = { name: topDistribution(d.classProbs, labels.classes, topK) };
    labels.attributeGroups.forEach((g, gi) => (scores[g.name] = topDistribution(d.attributeProbs[gi]!, g.values, topK)));
    graph.addNode(ids[n]!, {
      id: ids[n]!,
      name: labels.classes[d.classIndex]!,
      box: { x: round(x1 * image.width), y: round(y1 * image.height), w: round((x2 - x1) * image.width), h: round((y2 - y1) * image.height) },
      attributes: labels.attributeGroups.map((g, gi) => g.values[d.attributeIndices[gi]!]!),
      score: Math.round(d.score * 1e4) / 1e4,
      scores,
    });
  });
  for (const r of decoded.relations) {
    graph.addEdge(ids[r.subject]!, ids[r.object]!, { predicate: labels.predicates[r.predicate]!, score: Math.round(r.probability * 1e4) / 1e4 });
  }
  return graph;
}
