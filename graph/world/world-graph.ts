/**
 * The ground-truth scene graph of a world scene: one node per object (name = shape, attributes = [color,
 * size, material], box = exact pixel box), relations by the rules in relations.ts, `location` = the
 * background's name. Nodes and each object's relations come in drawing order, so the GQA JSON written
 * from it is deterministic.
 */
import { createSceneGraph, type SceneGraph } from '../scene-graph.ts';
import { evidenceFromCoverage, worldRelations, type RelationRuleOptions, type WorldRelation } from './relations.ts';
import { sceneCoverage } from './scene-sampler.ts';
import type { WorldScene } from './world-scene.ts';

/** The relations of a sampled scene (indices into `scene.objects`). */
export function sceneRelations(scene: WorldScene, options: RelationRuleOptions = {}): WorldRelation[] {
  const coverage = sceneCoverage(scene.objects, Math.max(scene.width, scene.height));
  return worldRelations(scene.objects.map((o) => o.box), evidenceFromCoverage(coverage), options);
}

export function worldSceneGraph(scene: WorldScene, options: RelationRuleOptions = {}): SceneGraph {
  const graph = createSceneGraph({ imageId: scene.imageId, width: scene.width, height: scene.height, location: scene.background.name });
  for (const object of scene.objects) {
    graph.addNode(object.id, {
      id: object.id,
      name: object.shape,
      box: { ...object.box },
      attributes: [object.color, object.size, object.material],
    });
  }
  for (const relation of sceneRelations(scene, options)) {
    graph.addEdge(scene.objects[relation.subject]!.id, scene.objects[relation.object]!.id, { predicate: relation.predicate });
  }
  return graph;
}
