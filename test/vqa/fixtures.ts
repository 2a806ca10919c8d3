/** Small hand-built scene graphs and vocabularies shared by the VQA tests. */
import { createSceneGraph, type SceneGraph } from '../../graph/scene-graph.ts';
import { graphVocabulariesFromLists, type GraphVocabularies } from '../../models/vqa/features/graph-vocabularies.ts';

export const LISTS = {
  classes: ['circle', 'square', 'triangle'],
  predicates: ['to the left of', 'to the right of', 'above', 'below'],
  attributeGroups: { color: ['red', 'blue'], size: ['small', 'large'] },
  locations: ['dark', 'light'],
};

export function vocabularies(): GraphVocabularies {
  return graphVocabulariesFromLists(LISTS);
}

/** A red small circle left of a blue large square; the square is above a triangle (no attributes). */
export function threeObjects(imageId = 'img-1', location = 'light'): SceneGraph {
  const g = createSceneGraph({ imageId, width: 100, height: 50, location });
  g.addNode('a', { id: 'a', name: 'circle', box: { x: 0, y: 0, w: 10, h: 10 }, attributes: ['red', 'small'] });
  g.addNode('b', { id: 'b', name: 'square', box: { x: 50, y: 0, w: 20, h: 20 }, attributes: ['blue', 'large'] });
  g.addNode('c', { id: 'c', name: 'triangle', box: { x: 50, y: 30, w: 10, h: 10 }, attributes: [] });
  g.addEdge('a', 'b', { predicate: 'to the left of' });
  g.addEdge('b', 'c', { predicate: 'above' });
  return g;
}

/** The same scene as a generator might predict it: soft labels, scores, and a predicted location. */
export function predictedThreeObjects(imageId = 'img-1'): SceneGraph {
  const g = createSceneGraph({ imageId, width: 100, height: 50, extra: { scores: { location: [{ label: 'light', p: 0.75 }, { label: 'dark', p: 0.25 }] } } });
  g.addNode('p0', {
    id: 'p0', name: 'circle', box: { x: 1, y: 0, w: 10, h: 11 }, attributes: ['red', 'small'], score: 0.9,
    scores: { name: [{ label: 'circle', p: 0.6 }, { label: 'square', p: 0.3 }, { label: 'hexagon', p: 0.1 }], color: [{ label: 'red', p: 0.8 }, { label: 'blue', p: 0.2 }] },
  });
  g.addNode('p1', { id: 'p1', name: 'square', box: { x: 49, y: 1, w: 20, h: 20 }, attributes: ['blue', 'large'], score: 0.8 });
  g.addEdge('p0', 'p1', { predicate: 'to the left of', score: 0.5 });
  return g;
}

export function emptyScene(imageId = 'img-empty'): SceneGraph {
  return createSceneGraph({ imageId, width: 64, height: 64, location: 'dark' });
}
