/**
 * Where a question's scene graph comes from. Each image has one or more *views*: a scene graph plus the
 * known geometric transform from the image to the frame the graph's boxes are in.
 * - annotated: the ground-truth graph, one view, identity transform;
 * - predicted: the scene-graph generator's graphs of the image (view 0) and of augmented copies of it
 *   (views 1..K, see views/), precomputed and cached.
 * SSL pairs two views of the same image; training on predicted graphs answers from a random view.
 */
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { IDENTITY_VIEW, type ViewTransform } from '../views/view-spec.ts';
import { VqaDataError } from '../errors/vqa-data-error.ts';

export interface ViewedGraph {
  readonly graph: SceneGraph;
  readonly transform: ViewTransform;
}

export type GraphKind = 'annotated' | 'predicted';

export interface GraphSource {
  readonly kind: GraphKind;
  /** Every view of the image (at least one); throws VqaDataError for an unknown image. */
  views(imageId: string): readonly ViewedGraph[];
}

export function annotatedSource(graphs: ReadonlyMap<string, SceneGraph>): GraphSource {
  const cache = new Map<string, readonly ViewedGraph[]>();
  return {
    kind: 'annotated',
    views(imageId) {
      let views = cache.get(imageId);
      if (!views) {
        const graph = graphs.get(imageId);
        if (!graph) throw new VqaDataError(`vqa/data: no annotated scene graph for image "${imageId}"`);
        views = [{ graph, transform: IDENTITY_VIEW }];
        cache.set(imageId, views);
      }
      return views;
    },
  };
}

export function predictedSource(views: ReadonlyMap<string, readonly ViewedGraph[]>): GraphSource {
  return {
    kind: 'predicted',
    views(imageId) {
      const list = views.get(imageId);
      if (!list || list.length === 0) throw new VqaDataError(`vqa/data: no predicted scene graph for image "${imageId}" (run the view cache first)`);
      return list;
    },
  };
}
