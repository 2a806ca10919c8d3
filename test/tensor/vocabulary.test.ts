import { describe, expect, it } from 'vitest';
import { createSceneGraph, type SceneGraph } from '../../graph/scene-graph.ts';
import {
  buildSceneVocabularies,
  NONE,
  sceneVocabulariesFromJSON,
  sceneVocabulariesToJSON,
  UNK,
  Vocabulary,
} from '../../graph/tensor/index.ts';

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

function graph(imageId: string, names: string[], predicates: [number, number, string][]): SceneGraph {
  const g = createSceneGraph({ imageId, width: 10, height: 10 });
  names.forEach((name, i) => g.addNode(`o${i}`, { id: `o${i}`, name, box: { x: 0, y: 0, w: 1, h: 1 }, attributes: [] }));
  for (const [s, o, predicate] of predicates) g.addDirectedEdge(`o${s}`, `o${o}`, { predicate });
  return g;
}

describe('Vocabulary', () => {
  it('puts <unk> at 0, then <none>, then the labels sorted', () => {
    const vocab = Vocabulary.fromLabels(['zebra', 'apple', 'mango', 'apple'], { unknown: 'unk', none: true });
    expect(vocab.labels).toEqual([UNK, NONE, 'apple', 'mango', 'zebra']);
    expect(vocab.size).toBe(5);
    expect([vocab.unkId, vocab.noneId]).toEqual([0, 1]);
    expect(vocab.id('mango')).toBe(3);
    expect(vocab.id('kiwi')).toBe(0);
    expect(vocab.find('kiwi')).toBeUndefined();
    expect(vocab.label(4)).toBe('zebra');
  });

  it('keeps the given order (first occurrence) when asked', () => {
    expect(Vocabulary.fromLabels(['b', 'a', 'b', 'c'], { order: 'given' }).labels).toEqual(['b', 'a', 'c']);
  });

  it('throws a VocabularyError for unknown labels without <unk>, bad ids and reserved labels', () => {
    const vocab = Vocabulary.fromLabels(['a', 'b']);
    expect(vocab.unkId).toBeUndefined();
    expect(errorOf(() => vocab.id('c')).name).toBe('VocabularyError');
    expect(errorOf(() => vocab.id('c')).message).toMatch(/^tensor\/vocabulary: unknown label "c"/);
    expect(errorOf(() => vocab.label(2)).name).toBe('VocabularyError');
    expect(errorOf(() => Vocabulary.fromLabels(['a', UNK], { unknown: 'unk' })).name).toBe('VocabularyError');
  });

  it('round-trips through JSON with the same ids', () => {
    const vocab = Vocabulary.fromLabels(['red', 'blue'], { unknown: 'unk', none: true });
    const json = JSON.parse(JSON.stringify(vocab)) as unknown;
    expect(json).toEqual({ labels: ['blue', 'red'], unknown: 'unk', none: true });
    const back = Vocabulary.fromJSON(json);
    expect(back.labels).toEqual(vocab.labels);
    expect([back.unkId, back.noneId]).toEqual([0, 1]);
    expect(errorOf(() => Vocabulary.fromJSON({ labels: ['a', 'a'], unknown: 'unk', none: false })).name).toBe('VocabularyError');
    expect(errorOf(() => Vocabulary.fromJSON({ labels: 'a' })).name).toBe('VocabularyError');
  });
});

describe('buildSceneVocabularies', () => {
  const graphs = [graph('a', ['dog', 'cat', 'dog'], [[0, 1, 'near'], [1, 2, 'on']]), graph('b', ['bird'], [[0, 0, 'near']])];

  it('collects classes and predicates deterministically, whatever the graph order', () => {
    const forward = buildSceneVocabularies(graphs);
    const backward = buildSceneVocabularies([...graphs].reverse());
    expect(forward.classes.labels).toEqual([UNK, 'bird', 'cat', 'dog']);
    expect(forward.predicates.labels).toEqual([UNK, 'near', 'on']);
    expect(sceneVocabulariesToJSON(backward)).toEqual(sceneVocabulariesToJSON(forward));
    expect(buildSceneVocabularies(graphs, { order: 'given' }).classes.labels).toEqual([UNK, 'dog', 'cat', 'bird']);
  });

  it('drops rare labels with minCount and uses given lists as they are', () => {
    expect(buildSceneVocabularies(graphs, { minCount: 2 }).classes.labels).toEqual([UNK, 'dog']);
    const given = buildSceneVocabularies([], { classes: ['x', 'y'], predicates: ['p'], unknown: 'error', order: 'given' });
    expect(given.classes.labels).toEqual(['x', 'y']);
    expect(given.predicates.labels).toEqual(['p']);
  });

  it('builds one vocabulary with <none> per attribute group, in key order, and rejects shared labels', () => {
    const vocabs = buildSceneVocabularies(graphs, { attributeGroups: { size: ['small', 'large'], color: ['red'] } });
    expect([...vocabs.attributeGroups.keys()]).toEqual(['size', 'color']);
    expect(vocabs.attributeGroups.get('size')?.labels).toEqual([NONE, 'large', 'small']);
    const error = errorOf(() => buildSceneVocabularies(graphs, { attributeGroups: { a: ['red'], b: ['red'] } }));
    expect(error.name).toBe('VocabularyError');
    expect(error.message).toContain('"red" is in groups "a" and "b"');
  });

  it('round-trips all vocabularies through JSON', () => {
    const vocabs = buildSceneVocabularies(graphs, { attributeGroups: { color: ['red', 'blue'], size: ['big'] } });
    const back = sceneVocabulariesFromJSON(JSON.parse(JSON.stringify(sceneVocabulariesToJSON(vocabs))));
    expect(back.classes.labels).toEqual(vocabs.classes.labels);
    expect(back.predicates.labels).toEqual(vocabs.predicates.labels);
    expect([...back.attributeGroups].map(([g, v]) => [g, v.labels])).toEqual([...vocabs.attributeGroups].map(([g, v]) => [g, v.labels]));
    expect(errorOf(() => sceneVocabulariesFromJSON({ classes: {} })).name).toBe('VocabularyError');
  });
});
