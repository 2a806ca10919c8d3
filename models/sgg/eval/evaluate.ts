/**
 * Scene-graph generator metrics over a set of images with ground truth (see models/sgg/README.md):
 * - detection: mAP@0.5 over classes (average-precision.ts), from detections with score >= 0.05 after
 *   class-aware NMS; precision and recall of the objects a scene graph gets (score >= scoreThreshold);
 * - attributes: per group, the accuracy of the arg-max value on objects matched to ground truth
 *   (detections at scoreThreshold, greedy by score, IoU >= 0.5 with any unmatched ground-truth object);
 *   also the class accuracy on the same matches;
 * - relations: triplet recall@K (K = 20, 50), the mean over images (with relations) of the share of
 *   ground-truth (subject, predicate, object) triplets found among the K best-scored predicted triplets,
 *   each ordered pair offering its best `predicatesPerPair` predicates (no graph constraint: the world
 *   stores up to two predicates per pair), in three protocols:
 *     SGDet   predicted boxes and labels; a triplet hits when the predicate matches and both predicted
 *             objects have the ground truth's class and IoU >= 0.5; score p_r s_i s_j;
 *     SGCls   ground-truth boxes, predicted labels; score p_r c_i c_j (c = the class probability);
 *     PredCls ground-truth boxes and labels; score p_r.
 *   The ONNX contract takes an image only, so SGCls and PredCls use an oracle: ground-truth objects are
 *   matched one-to-one to the model's detections (greedy by IoU, >= 0.5, class-agnostic), the detections
 *   give the predicate distributions (and, for SGCls, the labels), and ground-truth objects left
 *   unmatched lose their triplets. They therefore measure relation (and label) prediction given the
 *   model's own localization, for any contract-conforming model, with no second graph to export.
 */
import type { SggLabels } from '../config.ts';
import type { NormalizedBox, SceneSample } from '../data/scene-sample.ts';
import { type Detection, type RawDetections, boxIou, decodeDetections, softmaxRow } from '../inference/decode.ts';
import { ClassDetections } from './average-precision.ts';

type Labels = SggLabels;

export interface EvaluatorOptions {
  /** Score from which a detection is an object of the scene graph (default 0.3). */
  readonly scoreThreshold: number;
  /** Score from which detections enter mAP and SGDet (default 0.05). */
  readonly detectionThreshold: number;
  readonly nmsIou: number;
  readonly iouThreshold: number;
  readonly predicatesPerPair: number;
  readonly recallAt: readonly number[];
}

export const DEFAULT_EVALUATOR: EvaluatorOptions = {
  scoreThreshold: 0.3,
  detectionThreshold: 0.05,
  nmsIou: 0.5,
  iouThreshold: 0.5,
  predicatesPerPair: 2,
  recallAt: [20, 50],
};

export type Protocol = 'predcls' | 'sgcls' | 'sgdet';
export const PROTOCOLS: readonly Protocol[] = ['predcls', 'sgcls', 'sgdet'];

export interface SggMetrics {
  readonly images: number;
  readonly objects: number;
  readonly triplets: number;
  readonly detection: {
    readonly mAP50: number;
    readonly perClassAP: Record<string, number>;
    /** At scoreThreshold: matched / detections and matched / ground-truth objects. */
    readonly precision: number;
    readonly recall: number;
  };
  /** On matched objects: class and per-group attribute accuracy. */
  readonly classAccuracy: number;
  readonly attributeAccuracy: Record<string, number>;
  /** protocol -> `R@K` -> mean recall. */
  readonly recall: Record<Protocol, Record<string, number>>;
}

interface Candidate {
  readonly subject: number;
  readonly object: number;
  readonly predicate: number;
  readonly score: number;
}

const tripletKey = (s: number, p: number, o: number) => `${s}|${p}|${o}`;

/** Greedy one-to-one matching by descending IoU (>= threshold): truth index -> detection index or -1. */
export function matchByIou(truth: readonly NormalizedBox[], boxes: readonly NormalizedBox[], threshold: number): number[] {
  const pairs: [number, number, number][] = [];
  truth.forEach((t, i) => boxes.forEach((b, j) => {
    const iou = boxIou(t, b);
    if (iou >= threshold) pairs.push([iou, i, j]);
  }));
  pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  const match = truth.map(() => -1);
  const used = new Set<number>();
  for (const [, i, j] of pairs) {
    if (match[i] !== -1 || used.has(j)) continue;
    match[i] = j;
    used.add(j);
  }
  return match;
}

export class SggEvaluator {
  private readonly o: EvaluatorOptions;
  private readonly perClass: ClassDetections[];
  private images = 0;
  private objects = 0;
  private triplets = 0;
  private detectionsAtThreshold = 0;
  private matchedAtThreshold = 0;
  private classCorrect = 0;
  private readonly attrCorrect: number[];
  private readonly attrTotal: number[];
  private readonly recallSums = new Map<string, number>();
  private imagesWithTriplets = 0;

  constructor(readonly labels: Labels, options: Partial<EvaluatorOptions> = {}) {
    this.o = { ...DEFAULT_EVALUATOR, ...options };
    this.perClass = labels.classes.map(() => new ClassDetections());
    this.attrCorrect = labels.attributeGroups.map(() => 0);
    this.attrTotal = labels.attributeGroups.map(() => 0);
  }

  /** Adds one image: its ground truth and the model's raw outputs. */
  add(truth: SceneSample, raw: RawDetections): void {
    const image = this.images++;
    const o = this.o;
    this.objects += truth.objects.length;
    truth.objects.forEach((t) => {
      if (t.classIndex >= 0) this.perClass[t.classIndex]!.addTruth(image, t.box);
    });
    const low = decodeDetections(raw, this.labels, {
      scoreThreshold: o.detectionThreshold, nmsIou: o.nmsIou, relationThreshold: 0, predicatesPerPair: o.predicatesPerPair, maxRelations: Infinity,
    });
    for (const d of low.objects) this.perClass[d.classIndex]!.addDetection(image, d.box, d.score);
    this.scoreAttributes(truth, low.objects.filter((d) => d.score >= o.scoreThreshold));

    const gt = new Set(truth.relations.map((r) => tripletKey(r.subject, r.predicate, r.object)));
    this.triplets += gt.size;
    if (gt.size === 0) return;
    this.imagesWithTriplets++;
    const match = matchByIou(truth.objects.map((t) => t.box), low.objects.map((d) => d.box), o.iouThreshold);
    this.addRecall('sgdet', this.sgdetHits(truth, low.objects, low.relations, gt.size));
    this.addRecall('predcls', this.oracleHits(truth, low.objects, match, raw, gt, false));
    this.addRecall('sgcls', this.oracleHits(truth, low.objects, match, raw, gt, true));
  }

  private scoreAttributes(truth: SceneSample, detections: readonly Detection[]): void {
    this.detectionsAtThreshold += detections.length;
    const taken = truth.objects.map(() => false);
    for (const d of detections) {
      let best = -1;
      let bestIou = this.o.iouThreshold;
      truth.objects.forEach((t, i) => {
        const iou = boxIou(d.box, t.box);
        if (!taken[i] && iou >= bestIou) {
          best = i;
          bestIou = iou;
        }
      });
      if (best < 0) continue;
      taken[best] = true;
      this.matchedAtThreshold++;
      const t = truth.objects[best]!;
      if (d.classIndex === t.classIndex) this.classCorrect++;
      t.attributes.forEach((value, g) => {
        if (value < 0) return;
        this.attrTotal[g]!++;
        if (d.attributeIndices[g] === value) this.attrCorrect[g]!++;
      });
    }
  }

  /** Hits of the top-K predicted triplets for each K, against `total` ground-truth triplets. */
  private recallOf(ranked: readonly Candidate[], isHit: (c: Candidate) => string | null, total: number): Map<number, number> {
    const out = new Map<number, number>();
    for (const k of this.o.recallAt) {
      const found = new Set<string>();
      for (const c of ranked.slice(0, k)) {
        const key = isHit(c);
        if (key !== null) found.add(key);
      }
      out.set(k, found.size / total);
    }
    return out;
  }

  private sgdetHits(truth: SceneSample, objects: readonly Detection[], relations: readonly Candidate[], total: number): Map<number, number> {
    const iou = this.o.iouThreshold;
    // For each detection, the ground-truth objects it can stand for (same class, IoU >= threshold).
    const standsFor = objects.map((d) => truth.objects.flatMap((t, i) => (t.classIndex === d.classIndex && boxIou(d.box, t.box) >= iou ? [i] : [])));
    const gt = new Map(truth.relations.map((r) => [tripletKey(r.subject, r.predicate, r.object), true]));
    return this.recallOf(relations, (c) => {
      for (const s of standsFor[c.subject]!) {
        for (const o of standsFor[c.object]!) {
          const key = tripletKey(s, c.predicate, o);
          if (gt.has(key)) return key;
        }
      }
      return null;
    }, total);
  }

  private oracleHits(truth: SceneSample, objects: readonly Detection[], match: readonly number[], raw: RawDetections, gt: ReadonlySet<string>, predictLabels: boolean): Map<number, number> {
    const R = this.labels.predicates.length;
    const probs = new Float32Array(R);
    const candidates: Candidate[] = [];
    for (let i = 0; i < truth.objects.length; i++) {
      const di = match[i]!;
      if (di < 0) continue;
      for (let j = 0; j < truth.objects.length; j++) {
        const dj = match[j]!;
        if (i === j || dj < 0) continue;
        const a = objects[di]!;
        const b = objects[dj]!;
        if (predictLabels && (a.classIndex !== truth.objects[i]!.classIndex || b.classIndex !== truth.objects[j]!.classIndex)) continue;
        const labelScore = predictLabels ? a.classProbs[a.classIndex]! * b.classProbs[b.classIndex]! : 1;
        softmaxRow(raw.relLogits, a.slot * raw.k + b.slot, R, probs);
        const order = Array.from({ length: R - 1 }, (_, r) => r + 1).sort((x, y) => probs[y]! - probs[x]!);
        for (const r of order.slice(0, this.o.predicatesPerPair)) candidates.push({ subject: i, object: j, predicate: r, score: probs[r]! * labelScore });
      }
    }
    candidates.sort((x, y) => y.score - x.score);
    return this.recallOf(candidates, (c) => {
      const key = tripletKey(c.subject, c.predicate, c.object);
      return gt.has(key) ? key : null;
    }, gt.size);
  }

  private addRecall(protocol: Protocol, recall: Map<number, number>): void {
    for (const [k, v] of recall) this.recallSums.set(`${protocol}@${k}`, (this.recallSums.get(`${protocol}@${k}`) ?? 0) + v);
  }

  result(): SggMetrics {
    const ap: Record<string, number> = {};
    const aps: number[] = [];
    this.labels.classes.forEach((c, i) => {
      const v = this.perClass[i]!.averagePrecision(this.o.iouThreshold);
      if (!Number.isNaN(v)) {
        ap[c] = v;
        aps.push(v);
      }
    });
    const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
    const recall = {} as Record<Protocol, Record<string, number>>;
    for (const p of PROTOCOLS) {
      recall[p] = {};
      for (const k of this.o.recallAt) recall[p][`R@${k}`] = ratio(this.recallSums.get(`${p}@${k}`) ?? 0, this.imagesWithTriplets);
    }
    return {
      images: this.images,
      objects: this.objects,
      triplets: this.triplets,
      detection: {
        mAP50: aps.length > 0 ? aps.reduce((a, b) => a + b, 0) / aps.length : NaN,
        perClassAP: ap,
        precision: ratio(this.matchedAtThreshold, this.detectionsAtThreshold),
        recall: ratio(this.matchedAtThreshold, this.objects),
      },
      classAccuracy: ratio(this.classCorrect, this.matchedAtThreshold),
      attributeAccuracy: Object.fromEntries(this.labels.attributeGroups.map((g, i) => [g.name, ratio(this.attrCorrect[i]!, this.attrTotal[i]!)])),
      recall,
    };
  }
}
