/**
 * A small hand-built park scene (600 x 300) for executor tests. Layout, left to right: the man (x 20..100),
 * the bench in the middle bottom, the dogs at the top middle, the woman on the right. Relations:
 *   man -wearing-> shirt, woman -wearing-> jacket, woman -sitting on-> bench, man -holding-> apple,
 *   dogs -to the left of-> woman, woman -to the right of-> dogs, dogs -near-> bench,
 *   man -to the left of-> bench, cake -on-> bench
 */
import { createSceneGraph, type SceneAttrs, type SceneGraph } from '../../graph/scene-graph.ts';

interface ObjectSpec {
  id: string;
  name: string;
  attributes: string[];
  box: [number, number, number, number];
}

const OBJECTS: ObjectSpec[] = [
  { id: 'man', name: 'man', attributes: ['standing', 'young', 'happy'], box: [20, 50, 80, 200] },
  { id: 'woman', name: 'woman', attributes: ['sitting', 'old'], box: [480, 100, 60, 150] },
  { id: 'shirt', name: 'shirt', attributes: ['red', 'cotton'], box: [30, 80, 60, 60] },
  { id: 'jacket', name: 'jacket', attributes: ['blue', 'cotton'], box: [490, 110, 40, 60] },
  { id: 'bench', name: 'bench', attributes: ['wood', 'brown'], box: [250, 200, 120, 60] },
  { id: 'dogs', name: 'dogs', attributes: ['brown', 'small'], box: [300, 20, 40, 40] },
  { id: 'apple', name: 'apple', attributes: ['red', 'healthy', 'small'], box: [90, 120, 10, 10] },
  { id: 'cake', name: 'cake', attributes: ['white', 'unhealthy'], box: [300, 190, 20, 10] },
];

const RELATIONS: [string, string, string][] = [
  ['man', 'wearing', 'shirt'],
  ['woman', 'wearing', 'jacket'],
  ['woman', 'sitting on', 'bench'],
  ['man', 'holding', 'apple'],
  ['dogs', 'to the left of', 'woman'],
  ['woman', 'to the right of', 'dogs'],
  ['dogs', 'near', 'bench'],
  ['man', 'to the left of', 'bench'],
  ['cake', 'on', 'bench'],
];

export function parkScene(scene: Partial<SceneAttrs> = {}): SceneGraph {
  const graph = createSceneGraph({
    imageId: 'park',
    width: 600,
    height: 300,
    location: 'park',
    weather: 'sunny',
    ...scene,
  });
  for (const { id, name, attributes, box } of OBJECTS) {
    const [x, y, w, h] = box;
    graph.addNode(id, { id, name, attributes, box: { x, y, w, h } });
  }
  for (const [subject, predicate, object] of RELATIONS) graph.addEdge(subject, object, { predicate });
  return graph;
}
