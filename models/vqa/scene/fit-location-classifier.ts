/**
 * Fits the location classifier on a split's labelled images (the annotated `location`), on each image
 * and on one augmented view of it, so the classifier has seen the photometric changes views apply.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { augmentImage } from '../views/augment-image.ts';
import { sampleViewSpec } from '../views/view-spec.ts';
import { VqaDataError } from '../errors/vqa-data-error.ts';
import { LocationClassifier } from './location-classifier.ts';
import { locationFeatures } from './location-features.ts';

export async function fitLocationClassifier(
  imagesDir: string,
  graphs: ReadonlyMap<string, SceneGraph>,
  options: { maxImages?: number; seed?: number | string; onProgress?: (done: number, total: number) => void } = {},
): Promise<LocationClassifier> {
  const labelled = [...graphs.values()].filter((g) => g.getAttribute('location') !== undefined).slice(0, options.maxImages ?? 400);
  if (labelled.length === 0) throw new VqaDataError(`vqa/location: no scene of ${imagesDir} has a location to learn from`);
  const features: Float32Array[] = [];
  const labels: string[] = [];
  let done = 0;
  for (const graph of labelled) {
    const { imageId, width, height } = graph.getAttributes();
    const bytes = await readFile(join(imagesDir, `${imageId}.png`)).catch(() => {
      throw new VqaDataError(`vqa/location: cannot read ${join(imagesDir, `${imageId}.png`)}`);
    });
    const view = await augmentImage(bytes, sampleViewSpec(options.seed ?? 0, imageId, 1, width, height), imageId);
    for (const image of [bytes, view]) {
      features.push(await locationFeatures(image));
      labels.push(graph.getAttribute('location') as string);
    }
    options.onProgress?.(++done, labelled.length);
  }
  return LocationClassifier.fit(features, labels);
}
