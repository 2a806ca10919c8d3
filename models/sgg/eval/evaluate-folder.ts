/**
 * Evaluates a generator on a GQA-style folder with ground truth: `sceneGraphs.json` plus the images
 * (`images/<imageId>.png|jpg|jpeg|webp` unless another folder is given). Each image is scored as it is,
 * and, optionally, as one augmented view (data/augment.ts, drawn from Rng(seed, 'eval-view', imageId),
 * ground-truth boxes moved with it): the views the SSL stage extracts graphs from. Images that cannot be
 * read are recorded and skipped.
 */
import { join } from 'node:path';
import { readSceneGraphs } from '../../../graph/formats/index.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { Rng } from '../../../graph/world/index.ts';
import { type AugmentOptions, DEFAULT_AUGMENT, augmentView, transformBox } from '../data/augment.ts';
import type { RgbImage } from '../data/raster.ts';
import { LabelIndex, type SceneSample, sceneSample } from '../data/scene-sample.ts';
import { SggError } from '../errors/sgg-error.ts';
import type { SceneGraphGenerator } from '../inference/generator.ts';
import { findImage } from '../inference/image-folder.ts';
import { mapOrdered, settle } from '../inference/ordered-map.ts';
import { type EvaluatorOptions, SggEvaluator, type SggMetrics } from './evaluate.ts';

export interface FolderEvalOptions {
  /** Folder of the images (default `<data>/images`). */
  readonly images?: string;
  /** Evaluate at most this many scenes. */
  readonly limit?: number;
  /** Also score one augmented view per image (default true). */
  readonly augmented?: boolean;
  readonly augmentSeed?: number | string;
  readonly augment?: AugmentOptions;
  readonly evaluator?: Partial<EvaluatorOptions>;
  /** Images decoded ahead of the model (default 4). */
  readonly concurrency?: number;
  readonly onProgress?: (done: number) => void;
}

export interface ImageFailure {
  readonly imageId: string;
  readonly message: string;
}

export interface FolderEvalResult {
  readonly clean: SggMetrics;
  readonly augmented?: SggMetrics;
  readonly failures: readonly ImageFailure[];
  readonly seconds: number;
}

/** The scored pair for one image: its ground truth and its input raster. */
export interface EvalItem {
  readonly sample: SceneSample;
  readonly raster: RgbImage;
}

/** Scores items (already decoded) clean and, optionally, as augmented views. */
export async function evaluateItems(
  generator: SceneGraphGenerator,
  items: AsyncIterable<EvalItem> | Iterable<EvalItem>,
  options: Pick<FolderEvalOptions, 'augmented' | 'augmentSeed' | 'augment' | 'evaluator' | 'onProgress'> = {},
): Promise<{ clean: SggMetrics; augmented?: SggMetrics }> {
  const clean = new SggEvaluator(generator.labels, options.evaluator);
  const augmented = options.augmented === false ? null : new SggEvaluator(generator.labels, options.evaluator);
  let done = 0;
  for await (const { sample, raster } of items) {
    clean.add(sample, await generator.run(raster));
    if (augmented) {
      const rng = new Rng(options.augmentSeed ?? 0, 'eval-view', sample.imageId);
      const view = await augmentView(raster, rng, sample.objects.map((o) => o.box), options.augment ?? DEFAULT_AUGMENT);
      const moved: SceneSample = { ...sample, objects: sample.objects.map((o) => ({ ...o, box: transformBox(o.box, view.transform) })) };
      augmented.add(moved, await generator.run(view.image));
    }
    options.onProgress?.(++done);
  }
  return augmented ? { clean: clean.result(), augmented: augmented.result() } : { clean: clean.result() };
}

export async function evaluateFolder(generator: SceneGraphGenerator, dataDir: string, options: FolderEvalOptions = {}): Promise<FolderEvalResult> {
  const started = performance.now();
  const imagesDir = options.images ?? join(dataDir, 'images');
  const labels = new LabelIndex(generator.labels);
  const failures: ImageFailure[] = [];

  async function* graphs(): AsyncGenerator<SceneGraph> {
    let n = 0;
    for await (const graph of readSceneGraphs(join(dataDir, 'sceneGraphs.json'))) {
      if (options.limit !== undefined && n++ >= options.limit) return;
      yield graph;
    }
  }

  const decoded = mapOrdered(graphs(), options.concurrency ?? 4, async (graph) => {
    const imageId = graph.getAttribute('imageId');
    const path = findImage(imagesDir, imageId);
    if (!path) return { imageId, result: { ok: false as const, error: new SggError(`sgg/eval: no image file for ${imageId} in ${imagesDir}`) } };
    return { imageId, graph, result: await settle(generator.prepareFile(path)) };
  });

  async function* items(): AsyncGenerator<EvalItem> {
    for await (const entry of decoded) {
      if (!entry.result.ok) {
        failures.push({ imageId: entry.imageId, message: (entry.result.error as Error).message });
        continue;
      }
      yield { sample: sceneSample(entry.graph!, labels), raster: entry.result.value.raster };
    }
  }

  const scored = await evaluateItems(generator, items(), options);
  return { ...scored, failures, seconds: (performance.now() - started) / 1000 };
}
