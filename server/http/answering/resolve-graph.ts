/**
 * The scene graph a request is about: a committed sample's annotated graph, a GQA graph sent by the
 * client (validated, references checked), or the graph the scene-graph generator predicts from an image
 * (a sample's or an uploaded one, checked first, so bad images get their 4xx even while no generator is
 * loaded).
 */
import { readFile } from 'node:fs/promises';
import { isGraphFormatError } from '../../../graph/errors/graph-format-error.ts';
import { sceneGraphFromGqa } from '../../../graph/formats/gqa.ts';
import type { GqaScene } from '../../../graph/formats/gqa-schema.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { HttpError } from '../errors/http-error.ts';
import { inspectImage, verifyImageDecodes, type CheckedImage } from '../images/decode-image.ts';
import type { SceneGraphExtractor, Timings } from '../models/model-ports.ts';
import type { Sample, SampleStore } from '../samples/sample-store.ts';

export type GraphInput =
  | { kind: 'sample'; sampleId: string }
  | { kind: 'sampleImage'; sampleId: string }
  | { kind: 'sceneGraph'; scene: GqaScene; imageId: string }
  | { kind: 'image'; bytes: Buffer; imageId: string };

export type GraphSource = 'annotated' | 'predicted' | 'request';

export interface ResolvedGraph {
  graph: SceneGraph;
  /** The GQA JSON of `graph` when it is already at hand (samples, request graphs). */
  scene: GqaScene | undefined;
  source: GraphSource;
  image: CheckedImage | undefined;
  timings: Timings;
}

export interface GraphResolver {
  samples: SampleStore;
  extractor: SceneGraphExtractor | undefined;
  /** Why there is no extractor, for the 503 message. */
  extractorUnavailable: string | undefined;
  maxPixels: number;
}

/** A sample by id, or 404. */
export function sampleOr404(samples: SampleStore, id: string, field = 'sampleId'): Sample {
  const sample = samples.get(id);
  if (!sample) throw new HttpError(404, 'not_found', `no sample "${id}" (GET /api/v1/samples lists them)`, { path: [field] });
  return sample;
}

export function modelUnavailable(what: string, reason: string | undefined): HttpError {
  return new HttpError(503, 'model_unavailable', `${what} is not available: ${reason ?? 'not loaded'}`);
}

/**
 * Checks an image and predicts its graph (inside a work-queue slot: decoding and inference cost memory
 * and CPU). Without a generator the image is still decoded, so bad images get their 4xx, then 503.
 */
export async function predictGraph(resolver: GraphResolver, bytes: Buffer, imageId: string): Promise<ResolvedGraph> {
  const started = performance.now();
  const image = await inspectImage(bytes, resolver.maxPixels);
  const checkMs = performance.now() - started;
  if (!resolver.extractor) {
    await verifyImageDecodes(image, resolver.maxPixels);
    throw modelUnavailable('the scene-graph generator', resolver.extractorUnavailable);
  }
  const extracted = await resolver.extractor.extract(image, imageId);
  const timings: Timings = { imageCheckMs: checkMs, sceneGraphMs: performance.now() - started - checkMs };
  for (const [stage, ms] of Object.entries(extracted.timings)) timings[`sgg.${stage}`] = ms;
  return { graph: extracted.graph, scene: undefined, source: 'predicted', image, timings };
}

export async function resolveGraph(resolver: GraphResolver, input: GraphInput): Promise<ResolvedGraph> {
  switch (input.kind) {
    case 'sample': {
      const sample = sampleOr404(resolver.samples, input.sampleId);
      return { graph: sample.graph, scene: sample.scene, source: 'annotated', image: undefined, timings: {} };
    }
    case 'sceneGraph': {
      try {
        const graph = sceneGraphFromGqa(input.imageId, input.scene, { path: ['sceneGraph'] });
        return { graph, scene: input.scene, source: 'request', image: undefined, timings: {} };
      } catch (error) {
        if (isGraphFormatError(error)) throw new HttpError(422, 'invalid_scene_graph', error.message, { path: error.path });
        throw error;
      }
    }
    case 'sampleImage': {
      const sample = sampleOr404(resolver.samples, input.sampleId);
      return predictGraph(resolver, await readFile(sample.imagePath), sample.id);
    }
    case 'image':
      return predictGraph(resolver, input.bytes, input.imageId);
  }
}
