/** Graph inputs: one tensorization path for annotated (one-hot) and predicted (soft) graphs, plus scene nodes, reverse edges and self loops. */
import { describe, expect, it } from 'vitest';
import { buildGraphInputs, edgeFeatureWidth, graphFeeds, sceneFeatureWidth } from '../../models/vqa/features/graph-inputs.ts';
import { graphVocabulariesFromJSON, graphVocabulariesToJSON, graphWidths } from '../../models/vqa/features/graph-vocabularies.ts';
import { emptyScene, predictedThreeObjects, threeObjects, vocabularies } from './fixtures.ts';

const vocab = vocabularies();
const w = graphWidths(vocab);
const row = (data: Float32Array, width: number, r: number) => Array.from(data.subarray(r * width, (r + 1) * width));

describe('buildGraphInputs', () => {
  it('gives annotated graphs one-hot rows and a scene node per graph', () => {
    const inputs = buildGraphInputs([threeObjects(), emptyScene()], vocab);
    expect(inputs.objectCount).toBe(3);
    expect(inputs.nodeCount).toBe(5);
    expect(Array.from(inputs.nodeGraph, Number)).toEqual([0, 0, 0, 0, 1]);
    expect(Array.from(inputs.objectOffsets)).toEqual([0, 3, 3]);
    const circle = vocab.scene.classes.id('circle');
    expect(row(inputs.classProbs, w.classes, 0)).toEqual(Array.from({ length: w.classes }, (_, i) => (i === circle ? 1 : 0)));
    // attribute groups side by side; the triangle has none of either group -> <none> in both
    const attrs = row(inputs.attrProbs, w.attributes, 2);
    expect(attrs.reduce((a, b) => a + b, 0)).toBeCloseTo(2);
    const colorNone = vocab.scene.attributeGroups.get('color')!.noneId!;
    expect(attrs[colorNone]).toBe(1);
    // scene rows: no class, flag 1, location one-hot (light for graph 0, dark for graph 1)
    const S = sceneFeatureWidth(w);
    expect(row(inputs.classProbs, w.classes, 3).every((v) => v === 0)).toBe(true);
    expect(row(inputs.sceneFeats, S, 3)[0]).toBe(1);
    expect(row(inputs.sceneFeats, S, 3)[2 + vocab.locations.id('light')]).toBe(1);
    expect(row(inputs.sceneFeats, S, 4)[2 + vocab.locations.id('dark')]).toBe(1);
    expect(row(inputs.sceneFeats, S, 0).slice(0, 2)).toEqual([0, 1]);
    row(inputs.boxes, 9, 1).forEach((v, i) => expect(v).toBeCloseTo([0.5, 0, 0.7, 0.4, 0.2, 0.4, 0.08, 0.6, 0.2][i]!, 6));
  });

  it('adds forward and reverse relation edges, self loops and scene links', () => {
    const inputs = buildGraphInputs([threeObjects()], vocab);
    const F = edgeFeatureWidth(w);
    const R = w.predicates;
    // 2 relations x 2 directions + 4 self loops + 3 objects x 2 scene links
    expect(inputs.edgeCount).toBe(4 + 4 + 6);
    const edges = Array.from({ length: inputs.edgeCount }, (_, e) => [Number(inputs.edgeSrc[e]), Number(inputs.edgeDst[e]), row(inputs.edgeFeats, F, e)] as const);
    const left = vocab.scene.predicates.id('to the left of');
    const forward = edges.find(([s, d]) => s === 0 && d === 1)!;
    const reverse = edges.find(([s, d]) => s === 1 && d === 0)!;
    expect(forward[2][left]).toBe(1);
    expect(reverse[2][R + left]).toBe(1);
    expect(forward[2].reduce((a, b) => a + b, 0)).toBe(1);
    expect(edges.filter(([s, d]) => s === d).map(([s]) => s)).toEqual([0, 1, 2, 3]);
    expect(edges.filter(([, d, f]) => d === 3 && f[2 * R + 1] === 1).map(([s]) => s)).toEqual([0, 1, 2]);
    expect(edges.filter(([s, , f]) => s === 3 && f[2 * R + 2] === 1).map(([, d]) => d)).toEqual([0, 1, 2]);
  });

  it('gives predicted graphs soft rows from their top-k scores, weighted relation features and the predicted location', () => {
    const inputs = buildGraphInputs([predictedThreeObjects()], vocab);
    const cls = row(inputs.classProbs, w.classes, 0);
    // 'hexagon' is outside the vocabulary: its mass goes to <unk>
    expect(cls[vocab.scene.classes.id('circle')]).toBeCloseTo(0.6);
    expect(cls[vocab.scene.classes.id('square')]).toBeCloseTo(0.3);
    expect(cls[vocab.scene.classes.unkId!]).toBeCloseTo(0.1);
    const color = vocab.scene.attributeGroups.get('color')!;
    expect(row(inputs.attrProbs, w.attributes, 0)[color.id('red')]).toBeCloseTo(0.8);
    const S = sceneFeatureWidth(w);
    expect(row(inputs.sceneFeats, S, 0)[1]).toBeCloseTo(0.9);
    expect(row(inputs.sceneFeats, S, 2)[2 + vocab.locations.id('light')]).toBeCloseTo(0.75);
    const F = edgeFeatureWidth(w);
    expect(row(inputs.edgeFeats, F, 0)[vocab.scene.predicates.id('to the left of')]).toBeCloseTo(0.5);
  });

  it('handles a batch of graphs with no objects at all', () => {
    const inputs = buildGraphInputs([emptyScene('e1'), emptyScene('e2')], vocab);
    expect(inputs.objectCount).toBe(0);
    expect(inputs.nodeCount).toBe(2);
    expect(inputs.edgeCount).toBe(2);
    const feeds = graphFeeds(inputs);
    expect(feeds.class_probs!.dims).toEqual([2, w.classes]);
    expect(feeds.edge_src!.dims).toEqual([2]);
  });

  it('round-trips the vocabularies through JSON', () => {
    const back = graphVocabulariesFromJSON(JSON.parse(JSON.stringify(graphVocabulariesToJSON(vocab))));
    expect(graphWidths(back)).toEqual(w);
    expect(back.locations.labels).toEqual(vocab.locations.labels);
  });
});
