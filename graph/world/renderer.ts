/**
 * World scene -> 256x256 RGB PNG: the background raster (background.ts) with the objects' SVG (svg.ts)
 * composited on top by sharp (librsvg), then PNG-encoded, in one sharp pipeline per scene. Several scenes
 * render at once (sharp runs pipelines on libuv's thread pool); each pipeline uses one libvips thread,
 * which measured faster than fewer pipelines with more threads each for images this small.
 */
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { renderBackground } from './background.ts';
import { objectsSvg } from './svg.ts';
import type { WorldScene } from './world-scene.ts';

export interface RenderOptions {
  /** zlib level 0-9 (default 6). Lower is faster and larger. */
  compressionLevel?: number;
}

let configured = false;

function configureSharp(): void {
  if (configured) return;
  configured = true;
  // Small images: one libvips thread per pipeline, parallelism across pipelines; no operation cache.
  sharp.concurrency(1);
  sharp.cache(false);
}

export async function renderScenePng(scene: WorldScene, options: RenderOptions = {}): Promise<Buffer> {
  configureSharp();
  const { width, height } = scene;
  const background = renderBackground(scene);
  return sharp(background, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(objectsSvg(scene)), left: 0, top: 0 }])
    .removeAlpha()
    .png({ compressionLevel: options.compressionLevel ?? 6 })
    .toBuffer();
}

/** Pipelines in flight by default: enough to keep libuv's 4 threads and the main thread busy. */
export function defaultRenderConcurrency(): number {
  return Math.max(2, Math.min(8, availableParallelism() * 2));
}

/**
 * Renders scenes with up to `concurrency` pipelines in flight, calling `onImage` in input order (so
 * files are written in a deterministic order). Resolves when all are done.
 */
export async function renderScenes(
  scenes: Iterable<WorldScene>,
  onImage: (scene: WorldScene, png: Buffer, index: number) => void | Promise<void>,
  options: RenderOptions & { concurrency?: number } = {},
): Promise<void> {
  const concurrency = Math.max(1, options.concurrency ?? defaultRenderConcurrency());
  const pending: Promise<[WorldScene, Buffer]>[] = [];
  let index = 0;
  for (const scene of scenes) {
    pending.push(renderScenePng(scene, options).then((png) => [scene, png]));
    if (pending.length >= concurrency) {
      const [done, png] = await pending.shift()!;
      await onImage(done, png, index++);
    }
  }
  while (pending.length > 0) {
    const [done, png] = await pending.shift()!;
    await onImage(done, png, index++);
  }
}
