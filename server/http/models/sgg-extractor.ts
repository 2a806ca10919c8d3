/**
 * models/sgg's SceneGraphGenerator behind the server's SceneGraphExtractor port. The generator decodes
 * the (header-checked) image with sharp, runs its ONNX session (synchronously on the calling thread:
 * an inference worker's, see workers/) and decodes detections into a SceneGraph with scores (plus the location, see `locations`). Its
 * image errors become the API's:
 * empty / corrupt / truncated -> 422 `invalid_image`, not an image -> 415, over the pixel limit -> 413.
 */
import { relative } from 'node:path';
import { isImageInputError, loadSceneGraphGenerator, type ImageProblem, type RgbImage, type SceneGraphGenerator } from '../../../models/sgg/index.ts';
import type { LocationClassifier } from '../../../models/vqa/index.ts';
import { locationFeaturesOfDecoded } from '../../../models/vqa/scene/index.ts';
import { augmentImage, boxFromView, iou, matchGraphNodes, sampleViewSpec, type ViewSpec } from '../../../models/vqa/views/index.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import type { HttpError } from '../errors/http-error.ts';
import { imageTooLarge, invalidImage, notAnImage, type CheckedImage } from '../images/decode-image.ts';
import type { ExtractedSceneGraph, ModelDescription, NodeCorrespondence, SceneGraphExtractor, SceneGraphViews } from './model-ports.ts';

function imageError(problem: ImageProblem, message: string, maxPixels: number): HttpError {
  const detail = message.replace(/^sgg\/image: [^:]*: /, '');
  if (problem === 'too-large') return imageTooLarge('image', maxPixels);
  if (problem === 'not-an-image') return notAnImage('image');
  return invalidImage('image', detail);
}

function setLocation(graph: SceneGraph, location: { label: string; p: number }[]): void {
  graph.setAttribute('extra', { ...(graph.getAttribute('extra') ?? {}), scores: { location } });
  graph.setAttribute('location', location[0]!.label);
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
      this.locate(image.bytes, prepared.raster, prepared),
    ]);
    if (location) setLocation(graph, location);
    return { graph, timings: { imageDecodeMs: decodedAt - started, predictMs: performance.now() - decodedAt } };
  }

  /**
   * Two augmented views (models/vqa's semantics-preserving augmentations, DESIGN §6), each through the
   * generator, and their node correspondence: nodes whose boxes, brought back to the image frame through
   * the known transforms, overlap with IoU >= 0.5 (models/vqa's matching, as the SSL losses use it).
   * A fresh seed per call, returned in each view's transform.
   */
  async views(image: CheckedImage, imageId: string): Promise<SceneGraphViews> {
    const started = performance.now();
    const seed = Math.floor(Math.random() * 2 ** 31);
    const specs: ViewSpec[] = [1, 2].map((view) => sampleViewSpec(seed, imageId, view, image.width, image.height));
    const views = await Promise.all(specs.map(async (spec, index) => {
      const png = await augmentImage(image.bytes, spec, `${seed}:${index}`);
      const viewId = `${imageId}-view${index + 1}`;
      const { graph } = await this.extract({ ...image, bytes: png, format: 'png' }, viewId);
      return { png, graph, transform: { seed, view: index + 1, ...spec } };
    }));
    const [a, b] = [views[0]!, views[1]!];
    const idsA = a.graph.nodes();
    const idsB = b.graph.nodes();
    const correspondence: NodeCorrespondence[] = matchGraphNodes(a.graph, specs[0]!, b.graph, specs[1]!).map(([i, j]) => ({
      a: idsA[i]!,
      b: idsB[j]!,
      score: iou(boxFromView(a.graph.getNodeAttribute(idsA[i]!, 'box'), specs[0]!), boxFromView(b.graph.getNodeAttribute(idsB[j]!, 'box'), specs[1]!)),
    }));
    return { views, correspondence, timings: { viewsMs: performance.now() - started } };
  }

  /** The location distribution, best first, when a classifier is set; from the generator's raster when that is the image unchanged. */
  private async locate(bytes: Buffer, raster: RgbImage, original: { width: number; height: number }): Promise<{ label: string; p: number }[] | undefined> {
    return this.locations ? this.locations.predict(await locationFeaturesOfDecoded(bytes, raster, original)) : undefined;
  }

  async dispose(): Promise<void> {
    await this.generator.release();
  }
}
