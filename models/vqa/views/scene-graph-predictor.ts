/**
 * What VQA needs from a scene-graph generator: image bytes in, SceneGraph out. models/sgg's
 * SceneGraphGenerator fits this shape; any other generator (`--sgg FILE`) does too. Scene attributes the
 * generator does not predict (the location) are added by the location classifier.
 */
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { locationFeatures } from '../scene/location-features.ts';
import type { LocationClassifier } from '../scene/location-classifier.ts';

export interface SceneGraphPredictor {
  predict(bytes: Uint8Array, imageId: string): Promise<{ readonly graph: SceneGraph }>;
}

/** The generator's graph of `bytes`, with the predicted location distribution when a classifier is given. */
export async function predictSceneGraph(predictor: SceneGraphPredictor, bytes: Uint8Array, imageId: string, locations?: LocationClassifier): Promise<SceneGraph> {
  const [{ graph }, features] = await Promise.all([
    predictor.predict(bytes, imageId),
    locations ? locationFeatures(bytes) : Promise.resolve(undefined),
  ]);
  if (locations && features) {
    const scores = locations.predict(features);
    const extra = { ...(graph.getAttribute('extra') ?? {}), scores: { location: scores } };
    graph.setAttribute('extra', extra);
    graph.setAttribute('location', scores[0]!.label);
  }
  return graph;
}
