/** Decoding the contract's outputs on hand-made logits: thresholds, class-aware NMS, relations, SceneGraph. */
import { describe, expect, it } from 'vitest';
import { relationsOf } from '../../graph/scene-graph.ts';
import { boxIou, decodeDetections, softmaxRow, toSceneGraph } from '../../models/sgg/inference/decode.ts';
import { LABELS, rawOutputs } from './helpers.ts';

const LEFT = LABELS.predicates.indexOf('to the left of');
const FRONT = LABELS.predicates.indexOf('in front of');
const ABOVE = LABELS.predicates.indexOf('above');

describe('decodeDetections', () => {
  it('keeps detections above the score threshold, best first', () => {
    const raw = rawOutputs([
      { box: [0.1, 0.1, 0.2, 0.2], score: 0.5, classIndex: 0, attributes: [0, 0, 0] },
      { box: [0.5, 0.5, 0.7, 0.7], score: 0.9, classIndex: 1, attributes: [1, 1, 1] },
      { box: [0.8, 0.1, 0.9, 0.2], score: 0.1, classIndex: 2, attributes: [2, 0, 2] },
    ]);
    const d = decodeDetections(raw, LABELS, { scoreThreshold: 0.3 });
    expect(d.objects.map((o) => o.slot)).toEqual([1, 0]);
    expect(d.objects[0]!.classIndex).toBe(1);
    expect(d.objects[0]!.attributeIndices).toEqual([1, 1, 1]);
  });

  it('suppresses an overlapping detection of the same class only', () => {
    const raw = rawOutputs([
      { box: [0.1, 0.1, 0.3, 0.3], score: 0.9, classIndex: 0, attributes: [0, 0, 0] },
      { box: [0.11, 0.1, 0.31, 0.3], score: 0.8, classIndex: 0, attributes: [0, 0, 0] },
      { box: [0.1, 0.11, 0.3, 0.31], score: 0.7, classIndex: 3, attributes: [0, 0, 0] },
    ]);
    const d = decodeDetections(raw, LABELS, { scoreThreshold: 0.3, nmsIou: 0.5 });
    expect(d.objects.map((o) => o.slot)).toEqual([0, 2]);
  });

  it('makes edges of predicates above the relation threshold, never of "no relation"', () => {
    const raw = rawOutputs(
      [
        { box: [0.1, 0.1, 0.2, 0.2], score: 0.9, classIndex: 0, attributes: [0, 0, 0] },
        { box: [0.5, 0.1, 0.6, 0.2], score: 0.8, classIndex: 1, attributes: [0, 0, 0] },
      ],
      { '0,1': [LEFT, FRONT] },
    );
    const d = decodeDetections(raw, LABELS, { relationThreshold: 0.25, predicatesPerPair: 2 });
    // Pair (0, 1): two predicates at p ~ 0.5 each; pair (1, 0): "no relation" only.
    expect(d.relations.map((r) => [r.subject, r.predicate, r.object]).sort()).toEqual([[0, FRONT, 1], [0, LEFT, 1]].sort());
    for (const r of d.relations) {
      expect(r.probability).toBeGreaterThan(0.45);
      expect(r.score).toBeCloseTo(r.probability * 0.9 * 0.8, 5);
    }
    const one = decodeDetections(raw, LABELS, { relationThreshold: 0.25, predicatesPerPair: 1 });
    expect(one.relations).toHaveLength(1);
    const strict = decodeDetections(raw, LABELS, { relationThreshold: 0.6 });
    expect(strict.relations).toHaveLength(0);
  });

  it('ranks relations by score and caps their number', () => {
    const raw = rawOutputs(
      [
        { box: [0.1, 0.1, 0.2, 0.2], score: 0.9, classIndex: 0, attributes: [0, 0, 0] },
        { box: [0.5, 0.1, 0.6, 0.2], score: 0.5, classIndex: 1, attributes: [0, 0, 0] },
        { box: [0.1, 0.5, 0.2, 0.6], score: 0.8, classIndex: 2, attributes: [0, 0, 0] },
      ],
      { '0,1': [LEFT], '0,2': [ABOVE] },
    );
    const d = decodeDetections(raw, LABELS, { maxRelations: 1 });
    // Objects are renumbered best first: slot 0 -> 0, slot 2 -> 1, slot 1 -> 2.
    expect(d.relations).toHaveLength(1);
    expect(d.relations[0]).toMatchObject({ subject: 0, object: 1, predicate: ABOVE });
  });
});

describe('toSceneGraph', () => {
  it('writes ids, pixel boxes, labels, scores and scored relations', () => {
    const raw = rawOutputs(
      [
        { box: [0.25, 0.5, 0.5, 0.75], score: 0.95, classIndex: 3, attributes: [4, 1, 2] },
        { box: [0.6, 0.5, 0.8, 0.7], score: 0.85, classIndex: 0, attributes: [0, 0, 3] },
      ],
      { '0,1': [LEFT] },
    );
    const graph = toSceneGraph(decodeDetections(raw, LABELS), LABELS, { imageId: 'img', width: 200, height: 100 }, 2);
    expect(graph.getAttribute('imageId')).toBe('img');
    const a = graph.getNodeAttributes('img-0');
    expect(a.name).toBe(LABELS.classes[3]);
    expect(a.box).toEqual({ x: 50, y: 50, w: 50, h: 25 });
    expect(a.attributes).toEqual(['blue', 'large', 'dotted']);
    expect(a.score).toBeCloseTo(0.95, 4);
    expect(a.scores!.name).toHaveLength(2);
    expect(a.scores!.name![0]!.label).toBe(LABELS.classes[3]);
    expect(Object.keys(a.scores!)).toEqual(['name', 'color', 'size', 'material']);
    const rels = relationsOf(graph);
    expect(rels).toHaveLength(1);
    expect(rels[0]).toMatchObject({ subject: 'img-0', object: 'img-1', predicate: 'to the left of' });
    expect(rels[0]!.score).toBeGreaterThan(0.99);
  });
});

describe('helpers', () => {
  it('softmax rows sum to 1 and IoU is symmetric', () => {
    const p = softmaxRow(Float32Array.of(0, 1, 2, 3, 4, 5), 1, 3);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 6);
    expect(p[2]!).toBeGreaterThan(p[1]!);
    expect(boxIou([0, 0, 1, 1], [0.5, 0, 1.5, 1])).toBeCloseTo(1 / 3, 6);
    expect(boxIou([0, 0, 1, 1], [2, 2, 3, 3])).toBe(0);
  });
});
