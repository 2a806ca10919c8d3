/**
 * A GraphProvider over a lookup function (`imageId -> graph | undefined`), e.g. the API's submitted graphs
 * or its sample split. An image without a graph is `no-graph`; errors of the lookup itself propagate.
 */
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import type { GraphOutcome, GraphProvider } from './eval-types.ts';

export type GraphLookup = (imageId: string) => Promise<SceneGraph | undefined> | SceneGraph | undefined;

export function lookupGraphs(lookup: GraphLookup): GraphProvider {
  return {
    async *graphs(imageIds) {
      for (const imageId of imageIds) {
        const graph = await lookup(imageId);
        const outcome: GraphOutcome = graph
          ? { kind: 'graph', graph }
          : { kind: 'failed', cause: 'no-graph', message: `no scene graph for image "${imageId}"` };
        yield [imageId, outcome] as const;
      }
    },
  };
}
