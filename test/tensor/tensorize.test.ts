import { describe, expect, it } from 'vitest';
import { readClevrScenes } from '../../graph/formats/clevr.ts';
import { createSceneGraph, type HeadScores, type SceneGraph } from '../../graph/scene-graph.ts';
import {
  BOX_FEATURES,
  buildSceneVocabularies,
  nodeAt,
  tensorizeBatch,
  tensorShapes,
  type IndexArray,
  type SceneVocabularies,
  type TensorBatch,
} from '../../graph/tensor/index.ts';
import { sharedData } from '../helpers/shared-data.ts';

const clevrScenes = sharedData('clevr-nsvqa-pr18', 'val-scenes.json');

interface NodeSpec {
  key: string;
  name: string;
  box: [number, number, number, number];
  attributes: string[];
  score?: number;
  scores?: HeadScores;
}

function graph(imageId: string, width: number, height: number, nodes: NodeSpec[], edges: [string, string, string, number?][]): SceneGraph {
  const g = createSceneGraph({ imageId, width, height });
  for (const { key, name, box: [x, y, w, h], attributes, score, scores } of nodes) {
    g.addNode(key, { id: key, name, box: { x, y, w, h }, attributes, ...(score !== undefined ? { score } : {}), ...(scores ? { scores } : {}) });
  }
  for (const [s, o, predicate, score] of edges) g.addDirectedEdge(s, o, { predicate, ...(score !== undefined ? { score } : {}) });
  return g;
}

/** Two small scenes; ids below are worked out by hand from the sorted vocabularies. */
function scenes(): SceneGraph[] {
  return [
    graph('a', 100, 50, [
      { key: 'n1', name: 'cup', box: [10, 5, 20, 10], attributes: ['white', 'small', 'shiny'], score: 0.9 },
      { key: 'n2', name: 'table', box: [0, 25, 100, 25], attributes: ['brown'] },
    ], [['n1', 'n2', 'on'], ['n1', 'n2', 'near', 0.5], ['n2', 'n1', 'under']]),
    graph('b', 200, 100, [
      { key: 'x', name: 'dog', box: [50, 50, 100, 50], attributes: [] },
      { key: 'y', name: 'cat', box: [0, 0, 200, 100], attributes: ['black', 'white'] },
    ], [['x', 'y', 'near']]),
  ];
}

function vocabularies(): SceneVocabularies {
  // classes: <unk> cat cup dog table; predicates: <unk> near on under;
  // color: <none> black brown white; size: <none> large small.
  return buildSceneVocabularies(scenes(), { attributeGroups: { color: ['white', 'brown', 'black'], size: ['small', 'large'] } });
}

function oneHotRows(ids: ArrayLike<number | bigint>, width: number): Float32Array {
  const out = new Float32Array(ids.length * width);
  for (let i = 0; i < ids.length; i++) out[i * width + Number(ids[i])] = 1;
  return out;
}

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('tensorizeBatch (hard)', () => {
  const batch = tensorizeBatch(scenes(), vocabularies());

  it('numbers nodes across the batch and records where each graph starts', () => {
    expect([batch.graphCount, batch.nodeCount, batch.edgeCount]).toEqual([2, 4, 4]);
    expect(batch.imageIds).toEqual(['a', 'b']);
    expect(batch.nodeIds).toEqual(['n1', 'n2', 'x', 'y']);
    expect([...batch.nodeGraph]).toEqual([0, 0, 1, 1]);
    expect([...batch.graphOffsets]).toEqual([0, 2, 4]);
    expect([...batch.nodeCounts]).toEqual([2, 2]);
    expect([...batch.edgeOffsets]).toEqual([0, 3, 4]);
    expect(nodeAt(batch, 3)).toEqual({ graphIndex: 1, imageId: 'b', nodeId: 'y' });
  });

  it('gives class, attribute and predicate ids', () => {
    expect([...batch.classIds]).toEqual([2, 4, 3, 1]);
    // color: n1 white, n2 brown, x none, y its first color (black); 'shiny' is in no group.
    expect([...(batch.attributeIds.get('color') ?? [])]).toEqual([3, 2, 0, 1]);
    expect([...(batch.attributeIds.get('size') ?? [])]).toEqual([2, 0, 0, 0]);
    // Edges in insertion order, subjects in row 0, objects in row 1, in batch numbering.
    expect([...batch.edgeIndex]).toEqual([0, 0, 1, 2, 1, 1, 0, 3]);
    expect([...batch.predicateIds]).toEqual([2, 1, 3, 1]);
    expect([...batch.edgeScores]).toEqual([1, 0.5, 1, 1]);
    expect([...batch.nodeScores]).toEqual([Math.fround(0.9), 1, 1, 1]);
    expect(batch.edgeKeys).toHaveLength(4);
    expect([...batch.edgeKeyOffsets]).toEqual([0, 1, 2, 3, 4]);
    expect(batch.classProbs).toBeUndefined();
  });

  it('normalizes box geometry by the image size', () => {
    expect(BOX_FEATURES).toEqual(['x1', 'y1', 'x2', 'y2', 'w', 'h', 'area', 'cx', 'cy']);
    const F = BOX_FEATURES.length;
    // n1 (10, 5, 20, 10) in 100x50 and y (0, 0, 200, 100) in 200x100.
    expect([...batch.boxes.slice(0, F)].map((v) => +v.toFixed(6))).toEqual([0.1, 0.1, 0.3, 0.3, 0.2, 0.2, 0.04, 0.2, 0.2]);
    expect([...batch.boxes.slice(3 * F, 4 * F)]).toEqual([0, 0, 1, 1, 1, 1, 1, 0.5, 0.5]);
  });

  it('reports shapes whose sizes match the arrays', () => {
    const soft = tensorizeBatch(scenes(), vocabularies(), { mode: 'soft' });
    const shapes = tensorShapes(soft);
    expect(shapes.edgeIndex).toEqual([2, 4]);
    expect(shapes.classProbs).toEqual([4, 5]);
    expect(shapes['attributeProbs.color']).toEqual([4, 4]);
    const arrays: Record<string, ArrayLike<unknown> | undefined> = {
      ...soft,
      ...Object.fromEntries([...soft.attributeIds].map(([g, a]) => [`attributeIds.${g}`, a])),
      ...Object.fromEntries([...(soft.attributeProbs ?? [])].map(([g, a]) => [`attributeProbs.${g}`, a])),
    } as unknown as Record<string, ArrayLike<unknown>>;
    for (const [name, dims] of Object.entries(shapes)) {
      expect(arrays[name]?.length, name).toBe(dims.reduce((a, b) => a * b, 1));
    }
  });

  it('gives BigInt64Array index arrays with the same values on request', () => {
    const wide: TensorBatch<BigInt64Array> = tensorizeBatch(scenes(), vocabularies(), { indexType: 'int64' });
    for (const name of ['edgeIndex', 'nodeGraph', 'graphOffsets', 'edgeOffsets', 'classIds', 'predicateIds'] as const) {
      expect(wide[name]).toBeInstanceOf(BigInt64Array);
      expect([...wide[name]].map(Number)).toEqual([...batch[name]]);
    }
    expect([...(wide.attributeIds.get('color') ?? [])].map(Number)).toEqual([3, 2, 0, 1]);
  });

  it('is deterministic', () => {
    const again = tensorizeBatch(scenes(), vocabularies());
    expect({ ...again, edgeKeys: [] }).toEqual({ ...batch, edgeKeys: [] });
  });

  it('handles an empty batch and a graph without nodes', () => {
    const empty = tensorizeBatch([], vocabularies());
    expect([empty.nodeCount, empty.edgeCount, [...empty.graphOffsets]]).toEqual([0, 0, [0]]);
    const withEmpty = tensorizeBatch([createSceneGraph({ imageId: 'e', width: 1, height: 1 }), ...scenes()], vocabularies());
    expect([...withEmpty.graphOffsets]).toEqual([0, 0, 2, 4]);
    expect([...withEmpty.edgeIndex.slice(0, 4)]).toEqual([0, 0, 1, 2]);
  });

  it('fails clearly on unknown labels without <unk> and on images without a size', () => {
    const strict = buildSceneVocabularies([], { classes: ['cup'], predicates: ['on'], unknown: 'error' });
    const error = errorOf(() => tensorizeBatch(scenes(), strict));
    expect(error.name).toBe('VocabularyError');
    expect(error.message).toBe('tensor/tensorize: graph 0 (image "a"), node "n2": class "table" is unknown and the vocabulary has no <unk>');
    const flat = graph('z', 0, 10, [], []);
    expect(errorOf(() => tensorizeBatch([flat], vocabularies())).name).toBe('TensorizeError');
  });
});

describe('tensorizeBatch (soft)', () => {
  it('turns top-k scores into renormalized rows, unknown labels to <unk>', () => {
    const g = graph('s', 10, 10, [{
      key: 'p', name: 'cup', box: [0, 0, 1, 1], attributes: ['white'],
      scores: { name: [{ label: 'cup', p: 0.6 }, { label: 'cat', p: 0.2 }, { label: 'zebra', p: 0.1 }], color: [{ label: 'white', p: 0.5 }, { label: 'brown', p: 0.3 }, { label: 'green', p: 0.2 }] },
    }], []);
    const batch = tensorizeBatch([g], vocabularies(), { mode: 'soft' });
    // classes <unk> cat cup dog table: 0.1, 0.2, 0.6 over 0.9.
    expect([...(batch.classProbs ?? [])].map((v) => +v.toFixed(5))).toEqual([0.11111, 0.22222, 0.66667, 0, 0]);
    // color <none> black brown white: green is not a color of the vocabulary, so 0.5 and 0.3 over 0.8.
    expect([...(batch.attributeProbs?.get('color') ?? [])].map((v) => +v.toFixed(5))).toEqual([0, 0, 0.375, 0.625]);
    // No size scores and no size attribute: one-hot <none>.
    expect([...(batch.attributeProbs?.get('size') ?? [])]).toEqual([1, 0, 0]);
    expect(batch.classIds[0]).toBe(2);
  });

  it('spreads several unscored values of a group evenly', () => {
    const batch = tensorizeBatch(scenes(), vocabularies(), { mode: 'soft' });
    // y is black and white: color row 3 = [<none> 0, black 0.5, brown 0, white 0.5].
    expect([...(batch.attributeProbs?.get('color')?.slice(12, 16) ?? [])]).toEqual([0, 0.5, 0, 0.5]);
  });

  it('equals the hard ids one-hot when every score is one-hot', () => {
    const oneHot = scenes().map((g) => {
      g.updateEachNodeAttributes((_key, attrs) => {
        const scores: HeadScores = { name: [{ label: attrs.name, p: 1 }] };
        for (const color of ['white', 'brown', 'black']) if (attrs.attributes[0] === color) scores.color = [{ label: color, p: 1 }];
        return { ...attrs, attributes: attrs.attributes.slice(0, 1), scores };
      });
      return g;
    });
    const vocabs = vocabularies();
    const soft = tensorizeBatch(oneHot, vocabs, { mode: 'soft' });
    const hard = tensorizeBatch(oneHot, vocabs);
    expect(soft.classProbs).toEqual(oneHotRows(hard.classIds, vocabs.classes.size));
    for (const [group, vocab] of vocabs.attributeGroups) {
      expect(soft.attributeProbs?.get(group), group).toEqual(oneHotRows(hard.attributeIds.get(group) ?? [], vocab.size));
    }
    expect(soft.predicateProbs).toEqual(oneHotRows(hard.predicateIds, vocabs.predicates.size));
    expect([...soft.classIds]).toEqual([...hard.classIds]);
  });

  it('merges parallel relations into one edge with a predicate distribution', () => {
    const graphs = scenes();
    const batch = tensorizeBatch(graphs, vocabularies(), { mode: 'soft', mergeParallelEdges: true });
    expect(batch.edgeCount).toBe(3);
    expect([...batch.edgeIndex]).toEqual([0, 1, 2, 1, 0, 3]);
    // n1 -> n2: on (score 1) and near (0.5): shares 2/3 and 1/3; hard id = on; score = the larger one.
    expect([...(batch.predicateProbs?.slice(0, 4) ?? [])].map((v) => +v.toFixed(5))).toEqual([0, 0.33333, 0.66667, 0]);
    expect([...batch.predicateIds]).toEqual([2, 3, 1]);
    expect([...batch.edgeScores]).toEqual([1, 1, 1]);
    expect([...batch.edgeKeyOffsets]).toEqual([0, 2, 3, 4]);
    // The merged edge owns both relation keys, so grounding can go back to each relation.
    expect(batch.edgeKeys).toEqual(graphs.flatMap((g) => g.edges()));
  });
});

describe.skipIf(!clevrScenes.present)('tensorizing real CLEVR scenes (../shared/data/clevr-nsvqa-pr18)', () => {
  it('produces consistent tensors for all 11 scenes', async () => {
    const graphs: SceneGraph[] = [];
    for await (const g of readClevrScenes(clevrScenes.path)) graphs.push(g);
    const vocabs = buildSceneVocabularies(graphs, {
      attributeGroups: {
        color: ['gray', 'red', 'blue', 'green', 'brown', 'purple', 'cyan', 'yellow'],
        size: ['small', 'large'],
        material: ['rubber', 'metal'],
      },
    });
    expect(vocabs.classes.labels).toEqual(['<unk>', 'cube', 'cylinder', 'sphere']);
    const batch: TensorBatch<IndexArray> = tensorizeBatch(graphs, vocabs, { mode: 'soft' });
    expect(batch.nodeCount).toBe(72);
    expect(batch.edgeCount).toBe(graphs.reduce((n, g) => n + g.size, 0));
    // Every node has exactly one value per group (CLEVR objects always have color, size and material).
    for (const [, ids] of batch.attributeIds) expect([...ids].every((id) => Number(id) > 0)).toBe(true);
    // Every edge stays inside its graph.
    for (let e = 0; e < batch.edgeCount; e++) {
      expect(batch.nodeGraph[Number(batch.edgeIndex[e])]).toBe(batch.nodeGraph[Number(batch.edgeIndex[batch.edgeCount + e])]);
    }
    // Boxes are inside the image (the importer clamps them).
    expect(batch.boxes.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
