/**
 * models/sgg's SceneGraphGenerator behind the server's SceneGraphExtractor port. The generator decodes
 * the (header-checked) image with sharp, runs its ONNX session (synchronously on the calling thread:
 * an inference worker's, see workers/) and decodes detections into a SceneGraph with scores (plus the location, see `locations`). Its
 * image errors become the API's:
 * empty / corrupt / truncated -> 422 `invalid_image`, not an image -> 415, over the pixel limit -> 413.
 */
import { relative } from 'node:path';
import { isImageInputError, loadSceneGraphGenerator, type ImageProblem, type SceneGraphGenerator } from '../../../models/sgg/index.ts';
import type { LocationClassifier } from '../../../models/vqa/scene/location-classifier.ts';
import { locationFeatures } from '../../../models/vqa/scene/location-features.ts';
import type { HttpError } from '../errors/http-error.ts';
import { imageTooLarge, invalidImage, notAnImage, type CheckedImage } from '../images/decode-image.ts';
import type { ExtractedSceneGraph, ModelDescription, SceneGraphExtractor } from './model-ports.ts';

function imageError(problem: ImageProblem, message: string, maxPixels: number): HttpError {
  const detail = message.replace(/^sgg\/image: [^:]*: /, '');
  if (problem === 'too-large') return imageTooLarge('image', maxPixels);
  if (problem === 'not-an-image') return notAnImage('image');
  return invalidImage('image', detail);
}

export class SggExtractor implements SceneGraphExtractor {
  readonly description: ModelDescription;
  /**
   * The VQA model's location classifier: the generator predicts no scene attributes, so predicted graphs
   * get their location (and its distribution, `extra.scores.location`) from it, as models/vqa's
   * predictSceneGraph does. Set when a VQA model with a classifier is loaded.
   */
  locations: LocationClassifier | null = null;

  private constructor(private readonly generator: SceneGraphGenerator, file: string, private readonly maxPixels: number) {
    const { manifest } = generator;
    this.description = { name: manifest.name ?? 'scene-graph generator', version: `sgg manifest v${manifest.version}`, file: relative(process.cwd(), file), manifest };
  }

  /** Loads and checks the model (ContractError when it breaks the DESIGN §3 contract). */
  static async load(file: string, maxPixels: number): Promise<SggExtractor> {
    return new SggExtractor(await loadSceneGraphGenerator(file, { limitInputPixels: maxPixels }), file, maxPixels);
  }

  async extract(image: CheckedImage, imageId: string): Promise<ExtractedSceneGraph> {
    const started = performance.now();
    let prepared;
    try {
      prepared = await this.generator.prepare(image.bytes, imageId);
    } catch (error) {
      if (isImageInputError(error)) throw imageError(error.problem, error.message, this.maxPixels);
      throw error;
    }
    const decodedAt = performance.now();
    const [{ graph }, location] = await Promise.all([
      this.generator.predictRaster(prepared.raster, { imageId, width: prepared.width, height: prepared.height }),
      this.locations ? locationFeatures(image.bytes).then((features) => this.locations!.predict(features)) : undefined,
    ]);
    if (location) {
      graph.setAttribute('extra', { ...(graph.getAttribute('extra') ?? {}), scores: { location } });
      graph.setAttribute('location', location[0]!.label);
    }
    return { graph, timings: { imageDecodeMs: decodedAt - started, predictMs: performance.now() - decodedAt } };
  }

  async dispose(): Promise<void> {
    await this.generator.release();
  }
}
