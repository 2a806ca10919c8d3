/** Metrics on hand-made cases: AP, matching, attribute accuracy, PredCls / SGCls / SGDet recall. */
import { describe, expect, it } from 'vitest';
import type { SceneSample } from '../../models/sgg/data/scene-sample.ts';
import { ClassDetections, averagePrecisionFromHits } from '../../models/sgg/eval/average-precision.ts';
import { SggEvaluator, matchByIou } from '../../models/sgg/eval/evaluate.ts';
import { LABELS, rawOutputs, type SlotSpec } from './helpers.ts';

const LEFT = LABELS.predicates.indexOf('to the left of');
const RIGHT = LABELS.predicates.indexOf('to the right of');
const BEHIND = LABELS.predicates.indexOf('behind');

const truth: SceneSample = {
  imageId: 'a',
  width: 256,
  height: 256,
  objects: [
    { id: 'a-0', box: [0.1, 0.1, 0.3, 0.3], classIndex: 0, attributes: [0, 0, 0] },
    { id: 'a-1', box: [0.6, 0.1, 0.8, 0.3], classIndex: 1, attributes: [1, 1, 1] },
    { id: 'a-2', box: [0.1, 0.6, 0.3, 0.8], classIndex: 2, attributes: [2, 0, 2] },
  ],
  relations: [
    { subject: 0, predicate: LEFT, object: 1 },
    { subject: 1, predicate: RIGHT, object: 0 },
    { subject: 2, predicate: BEHIND, object: 0 },
  ],
};

/** Slots that reproduce the truth exactly. */
function perfectSlots(): SlotSpec[] {
  return truth.objects.map((o) => ({ box: [...o.box] as SlotSpec['box'], score: 0.9, classIndex: o.classIndex, attributes: [...o.attributes] as SlotSpec['attributes'] }));
}

const perfectRelations = { '0,1': [LEFT], '1,0': [RIGHT], '2,0': [BEHIND] };

describe('average precision', () => {
  it('is 1 for a perfect ranking and follows the VOC envelope otherwise', () => {
    expect(averagePrecisionFromHits([1, 1, 1], 3)).toBe(1);
    // hits: FP, TP, TP with 2 ground truths: recall steps 0.5 at precision 0.5 -> envelope 2/3 at both.
    expect(averagePrecisionFromHits([0, 1, 1], 2)).toBeCloseTo(2 / 3, 10);
    // A missed object caps recall: TP then nothing for 2 ground truths.
    expect(averagePrecisionFromHits([1], 2)).toBeCloseTo(0.5, 10);
  });

  it('matches each ground-truth box once', () => {
    const c = new ClassDetections();
    c.addTruth(0, [0, 0, 0.5, 0.5]);
    c.addDetection(0, [0, 0, 0.5, 0.5], 0.9);
    c.addDetection(0, [0.01, 0, 0.5, 0.5], 0.8); // a duplicate: false positive
    c.addTruth(1, [0.5, 0.5, 1, 1]);
    c.addDetection(1, [0.5, 0.5, 1, 1], 0.7);
    // hits 1, 0, 1 over 2 ground truths: 0.5 * 1 + 0.5 * (2/3)
    expect(c.averagePrecision(0.5)).toBeCloseTo(0.5 + 0.5 * (2 / 3), 10);
  });

  it('matchByIou pairs greedily by IoU, one to one', () => {
    const m = matchByIou([[0, 0, 1, 1], [0, 0, 0.5, 0.5]], [[0, 0, 0.5, 0.5], [0, 0, 0.9, 0.9], [0.6, 0.6, 1, 1]], 0.5);
    expect(m).toEqual([1, 0]);
  });
});

describe('SggEvaluator', () => {
  it('scores a perfect prediction 1 everywhere', () => {
    const e = new SggEvaluator(LABELS);
    e.add(truth, rawOutputs(perfectSlots(), perfectRelations));
    const m = e.result();
    expect(m.detection.mAP50).toBe(1);
    expect(m.detection.precision).toBe(1);
    expect(m.detection.recall).toBe(1);
    expect(m.classAccuracy).toBe(1);
    expect(m.attributeAccuracy).toEqual({ color: 1, size: 1, material: 1 });
    for (const p of ['predcls', 'sgcls', 'sgdet'] as const) expect(m.recall[p]).toEqual({ 'R@20': 1, 'R@50': 1 });
  });

  it('separates label errors from relation errors across the protocols', () => {
    const slots = perfectSlots();
    slots[2] = { ...slots[2]!, classIndex: 4, attributes: [2, 1, 2] }; // wrong class and size for object 2
    const e = new SggEvaluator(LABELS);
    e.add(truth, rawOutputs(slots, perfectRelations));
    const m = e.result();
    // PredCls uses ground-truth labels: all three triplets; SGCls and SGDet lose (2, behind, 0).
    expect(m.recall.predcls['R@50']).toBe(1);
    expect(m.recall.sgcls['R@50']).toBeCloseTo(2 / 3, 10);
    expect(m.recall.sgdet['R@50']).toBeCloseTo(2 / 3, 10);
    expect(m.classAccuracy).toBeCloseTo(2 / 3, 10);
    expect(m.attributeAccuracy.size).toBeCloseTo(2 / 3, 10);
    expect(m.attributeAccuracy.color).toBe(1);
    // Class 2 has its object undetected (detected as class 4), class 4 only a false positive.
    expect(m.detection.perClassAP[LABELS.classes[2]!]).toBe(0);
    expect(m.detection.mAP50).toBeCloseTo(2 / 3, 10);
  });

  it('misses a wrong predicate and a missed object in every protocol', () => {
    const slots = perfectSlots().slice(0, 2); // object 2 not detected
    const e = new SggEvaluator(LABELS);
    e.add(truth, rawOutputs(slots, { '0,1': [LEFT], '1,0': [BEHIND] }));
    const m = e.result();
    for (const p of ['predcls', 'sgcls', 'sgdet'] as const) expect(m.recall[p]['R@50']).toBeCloseTo(1 / 3, 10);
    expect(m.detection.recall).toBeCloseTo(2 / 3, 10);
  });

  it('counts only the top K triplets', () => {
    const e = new SggEvaluator(LABELS, { recallAt: [1, 3] });
    e.add(truth, rawOutputs(perfectSlots(), perfectRelations));
    const m = e.result();
    expect(m.recall.sgdet['R@1']).toBeCloseTo(1 / 3, 10);
    expect(m.recall.sgdet['R@3']).toBe(1);
  });

  it('requires IoU >= 0.5 for a detection to count', () => {
    const slots = perfectSlots().map((s) => ({ ...s, box: [s.box[0] + 0.15, s.box[1], s.box[2] + 0.15, s.box[3]] as SlotSpec['box'] }));
    const e = new SggEvaluator(LABELS);
    e.add(truth, rawOutputs(slots, perfectRelations));
    const m = e.result();
    expect(m.detection.mAP50).toBe(0);
    expect(m.recall.sgdet['R@50']).toBe(0);
    expect(Number.isNaN(m.classAccuracy)).toBe(true);
  });
});
