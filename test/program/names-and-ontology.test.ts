import { describe, expect, it } from 'vitest';
import {
  COMPARATIVES,
  DEFAULT_HYPERNYMS,
  DEFAULT_ONTOLOGY,
  executeProgram,
  parseSemanticStr,
  relationAnswer,
  singular,
} from '../../graph/program/index.ts';
import { createSceneGraph, type SceneGraph } from '../../graph/scene-graph.ts';

describe('singular', () => {
  it.each([
    ['boys', 'boy'],
    ['women', 'woman'],
    ['people', 'person'],
    ['cows', 'cow'],
    ['benches', 'bench'],
    ['boxes', 'box'],
    ['dresses', 'dress'],
    ['berries', 'berry'],
    ['cookies', 'cookie'],
    ['shoes', 'shoe'],
    ['horses', 'horse'],
    ['knives', 'knife'],
    ['tomatoes', 'tomato'],
    ['buses', 'bus'],
    ['traffic lights', 'traffic light'],
    ['pieces of cake', 'pieces of cake'],
  ])('%s -> %s', (plural, one) => {
    expect(singular(plural)).toBe(one);
  });

  it.each(['glasses', 'pants', 'jeans', 'grass', 'glass', 'bus', 'tennis', 'sheep', 'scissors', 'fries'])(
    'keeps %s',
    (word) => {
      expect(singular(word)).toBe(word);
    },
  );
});

function sceneOf(...names: string[]): SceneGraph {
  const graph = createSceneGraph({ imageId: 'names', width: 100, height: 100 });
  names.forEach((name, index) => {
    graph.addNode(String(index), { id: String(index), name, attributes: [], box: { x: 0, y: 0, w: 1, h: 1 } });
  });
  return graph;
}

const selected = (graph: SceneGraph, name: string): readonly string[] => {
  const result = executeProgram(graph, parseSemanticStr(`select: ${name}->exist: ? [0]`));
  const first = result.trace[0]?.value;
  return first?.kind === 'objects' ? first.ids.map((id) => graph.getNodeAttribute(id, 'name')) : [];
};

describe('name matching in select', () => {
  const graph = sceneOf('men', 'catcher', 'glasses', 'glass', 'apples', 'laptop', 'cow');

  it('follows classes transitively and through plurals', () => {
    expect(selected(graph, 'person')).toEqual(['men', 'catcher']);
    expect(selected(graph, 'people')).toEqual(['men', 'catcher']);
    expect(selected(graph, 'food')).toEqual(['apples']);
    expect(selected(graph, 'fruit')).toEqual(['apples']);
    expect(selected(graph, 'device')).toEqual(['laptop']);
    expect(selected(graph, 'animals')).toEqual(['cow']);
  });

  it('does not confuse glasses with a glass', () => {
    expect(selected(graph, 'glass')).toEqual(['glass']);
    expect(selected(graph, 'glasses')).toEqual(['glasses']);
  });
});

describe('shipped tables', () => {
  it('the default ontology covers the categories real GQA programs ask about', () => {
    for (const category of [
      'color', 'material', 'shape', 'size', 'pose', 'activity', 'pattern', 'age', 'hardness', 'length',
      'height', 'weather', 'tone', 'fatness', 'cleanliness', 'face expression', 'sportActivity',
    ]) {
      expect(DEFAULT_ONTOLOGY[category]?.length ?? 0, category).toBeGreaterThan(1);
    }
    for (const values of Object.values(DEFAULT_ONTOLOGY)) {
      for (const value of values) expect(value).toBe(value.toLowerCase().trim());
    }
    expect(Object.keys(DEFAULT_ONTOLOGY).slice(0, 3)).toEqual(['color', 'material', 'shape']);
  });

  it('hypernyms and comparatives are consistent', () => {
    expect(DEFAULT_HYPERNYMS.person).toContain('man');
    for (const [name, rule] of Object.entries(COMPARATIVES)) {
      expect(rule.more.filter((value) => rule.less.includes(value)), name).toEqual([]);
    }
    expect(relationAnswer('to the left of')).toBe('left');
    expect(relationAnswer('in front of')).toBe('front');
    expect(relationAnswer('behind')).toBe('behind');
  });
});
