/**
 * The question-only baseline's "graphs": every image gets an empty scene graph (no objects, no
 * location), so the network can only use the question. Trained and evaluated with the same code as the
 * real model, it measures how much the graph adds.
 */
import { createSceneGraph } from '../../../graph/scene-graph.ts';
import type { GraphSource, ViewedGraph } from '../data/graph-source.ts';
import { IDENTITY_VIEW } from '../views/view-spec.ts';

export function blindSource(): GraphSource & { kind: 'annotated' } {
  const cache = new Map<string, readonly ViewedGraph[]>();
  return {
    kind: 'annotated',
    views(imageId) {
      let views = cache.get(imageId);
      if (!views) {
        views = [{ graph: createSceneGraph({ imageId, width: 1, height: 1 }), transform: IDENTITY_VIEW }];
        cache.set(imageId, views);
      }
      return views;
    },
  };
}
