/**
 * Predicted scene graphs of a split's images, computed once and cached beside the split:
 *   <split>/views/view-0.json        the generator's graphs of the images themselves
 *   <split>/views/view-<k>.json      ... of augmented view k (1..K), view-spec.ts from (seed, image, k)
 *   <split>/views/manifest.json      seed, K, view ranges, the generator's sha256, counts (written last)
 * (`views-<n>/` instead of `views/` for a cache over the first n images of the split).
 * Each file is a GQA scene-graphs file (boxes in the view's frame, `score` / `scores` from the generator,
 * the predicted location in `location` and `extra.scores.location`). A view file is written whole when
 * its view is done, so an interrupted build keeps the views it finished and resumes with the next one.
 * A cache made with another generator, seed or K is rebuilt.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { readSceneGraphs } from '../../../graph/formats/gqa-files.ts';
import { sceneGraphsToGqaFile } from '../../../graph/formats/gqa.ts';
import { writeFileAtomic, writeJsonObjectAtomic } from '../../../graph/io/atomic-write.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import type { ViewedGraph } from '../data/graph-source.ts';
import { VqaDataError } from '../errors/vqa-data-error.ts';
import type { LocationClassifier } from '../scene/location-classifier.ts';
import { augmentImage } from './augment-image.ts';
import { predictSceneGraph, type SceneGraphPredictor } from './scene-graph-predictor.ts';
import { DEFAULT_VIEW_RANGES, sampleViewSpec, type ViewRanges } from './view-spec.ts';

export interface ViewCacheKey {
  /** Augmented views per image (view 0, the image itself, comes on top). */
  readonly views: number;
  readonly seed: number | string;
  /** sha256 of the generator's .onnx (the cache is only valid for that model). */
  readonly generator: string;
  readonly ranges: ViewRanges;
}

export interface ViewCacheManifest extends ViewCacheKey {
  readonly format: 'sgvqa-vqa-views';
  readonly images: number;
  readonly objects: number[];
}

/** The cache folder of a split: `views`, or `views-<n>` for a cache over a subset of n images. */
export function viewCacheDir(splitDir: string, subset?: number): string {
  return join(splitDir, subset === undefined ? 'views' : `views-${subset}`);
}

export interface BuildViewCacheOptions {
  /** Cache over a subset of the split's images (a separate folder, `views-<n>`). */
  readonly subset?: number;
  readonly predictor: SceneGraphPredictor;
  readonly generatorSha256: string;
  readonly locations?: LocationClassifier;
  readonly views: number;
  readonly seed: number | string;
  readonly ranges?: ViewRanges;
  /** Images to process (default: every image of the split's questions or scene graphs). */
  readonly imageIds: readonly string[];
  /** Views rendered and predicted at once (default 4). */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export async function fileSha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

function sameKey(m: ViewCacheKey, k: ViewCacheKey): boolean {
  return m.views === k.views && String(m.seed) === String(k.seed) && m.generator === k.generator && JSON.stringify(m.ranges) === JSON.stringify(k.ranges);
}

async function readManifest(dir: string): Promise<ViewCacheManifest | null> {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  return JSON.parse(await readFile(path, 'utf8')) as ViewCacheManifest;
}

function imagePath(imagesDir: string, imageId: string, files: ReadonlySet<string>): string {
  for (const ext of ['.png', '.jpg', '.jpeg', '.webp']) if (files.has(imageId + ext)) return join(imagesDir, imageId + ext);
  throw new VqaDataError(`vqa/views: no image file for "${imageId}" in ${imagesDir}`);
}

/** Builds (or completes) the view cache of a split folder. Returns its manifest. */
export async function buildViewCache(splitDir: string, options: BuildViewCacheOptions): Promise<ViewCacheManifest> {
  const dir = viewCacheDir(splitDir, options.subset);
  await mkdir(dir, { recursive: true });
  const key: ViewCacheKey = { views: options.views, seed: options.seed, generator: options.generatorSha256, ranges: options.ranges ?? DEFAULT_VIEW_RANGES };
  const existing = await readManifest(dir);
  if (existing && sameKey(existing, key) && existing.images === options.imageIds.length) return existing;
  const imagesDir = join(splitDir, 'images');
  const files = new Set(await readdir(imagesDir));
  const paths = options.imageIds.map((id) => imagePath(imagesDir, id, files));
  const progressPath = join(dir, 'progress.json');
  // Views finished by an interrupted build with the same key are kept.
  let finished = 0;
  if (existsSync(progressPath)) {
    const progress = JSON.parse(await readFile(progressPath, 'utf8')) as { key: ViewCacheKey; finished: number; images: number };
    if (sameKey(progress.key, key) && progress.images === options.imageIds.length) finished = progress.finished;
  }
  const total = (options.views + 1) * paths.length;
  const objects: number[] = [];
  let done = finished * paths.length;
  options.onProgress?.(done, total);
  for (let view = 0; view <= options.views; view++) {
    if (view < finished) {
      objects.push(-1);
      continue;
    }
    const graphs: SceneGraph[] = new Array<SceneGraph>(paths.length);
    let next = 0;
    const worker = async () => {
      while (next < paths.length) {
        const i = next++;
        const imageId = options.imageIds[i]!;
        const bytes = await readFile(paths[i]!);
        let input: Uint8Array = bytes;
        if (view > 0) {
          const { width = 0, height = 0 } = await sharp(bytes).metadata();
          input = await augmentImage(bytes, sampleViewSpec(options.seed, imageId, view, width, height, key.ranges), `${options.seed}:${imageId}:${view}`);
        }
        graphs[i] = await predictSceneGraph(options.predictor, input, imageId, options.locations);
        options.onProgress?.(++done, total);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    await writeJsonObjectAtomic(join(dir, `view-${view}.json`), Object.entries(sceneGraphsToGqaFile(graphs)));
    objects.push(graphs.reduce((s, g) => s + g.order, 0));
    await writeFileAtomic(progressPath, JSON.stringify({ key, finished: view + 1, images: paths.length }));
  }
  const manifest: ViewCacheManifest = { format: 'sgvqa-vqa-views', ...key, images: paths.length, objects };
  await writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The cached views of a split: image id -> [view 0, view 1, ...] with their transforms. */
export async function loadViewCache(splitDir: string, options: { maxViews?: number; subset?: number } = {}): Promise<{ manifest: ViewCacheManifest; views: Map<string, ViewedGraph[]> }> {
  const dir = viewCacheDir(splitDir, options.subset);
  const manifest = await readManifest(dir);
  if (!manifest) throw new VqaDataError(`vqa/views: no view cache in ${dir} (build it with the scene-graph generator first)`);
  const count = Math.min(manifest.views, options.maxViews ?? manifest.views);
  const views = new Map<string, ViewedGraph[]>();
  for (let view = 0; view <= count; view++) {
    for await (const graph of readSceneGraphs(join(dir, `view-${view}.json`))) {
      const imageId = graph.getAttribute('imageId');
      const { width, height } = graph.getAttributes();
      const transform = sampleViewSpec(manifest.seed, imageId, view, width, height, manifest.ranges);
      let list = views.get(imageId);
      if (!list) views.set(imageId, (list = []));
      list.push({ graph, transform });
    }
  }
  return { manifest, views };
}
