/**
 * World scene -> 256x256 RGB PNG: the objects' SVG (svg.ts) is rendered to RGBA by sharp (librsvg) while
 * the background raster (background.ts) is computed, the two are alpha-blended here, and sharp encodes
 * the PNG. Several scenes render at once (sharp runs pipelines on libuv's thread pool); each pipeline
 * uses one libvips thread, which measured faster than fewer pipelines with more threads each for images
 * this small.
 */
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { renderBackground } from './background.ts';
import { objectsSvg, objectsWindow, type PixelWindow } from './svg.ts';
import type { WorldScene } from './world-scene.ts';
import { WorldError } from './world-error.ts';

export interface RenderOptions {
  /** zlib level 0-9 (default 1: encoding dominates the render time; 6 halves the size at 2.5x the cost). */
  compressionLevel?: number;
}

/** PNG zlib level used when none is given (measured: level 1 encodes ~2.5x faster than 6, files ~1.9x larger). */
export const DEFAULT_COMPRESSION_LEVEL = 1;

let configured = false;

function configureSharp(): void {
  if (configured) return;
  configured = true;
  // Small images: one libvips thread per pipeline, parallelism across pipelines; no operation cache.
  sharp.concurrency(1);
  sharp.cache(false);
}

/**
 * Alpha-blends straight (non-premultiplied) RGBA of a `window` over an RGB image `width` pixels wide, in
 * place: out = bg (1 - a) + fg a. Done here rather than with sharp's composite, which measured ~2.7 ms
 * per scene against ~0.3 ms here.
 */
export function blendOver(background: Uint8ClampedArray, width: number, rgba: Uint8Array, window: PixelWindow): void {
  for (let row = 0; row < window.h; row++) {
    let p = ((window.y + row) * width + window.x) * 3;
    let q = row * window.w * 4;
    for (let column = 0; column < window.w; column++, p += 3, q += 4) {
      const a = rgba[q + 3]!;
      if (a === 0) continue;
      if (a === 255) {
        background[p] = rgba[q]!;
        background[p + 1] = rgba[q + 1]!;
        background[p + 2] = rgba[q + 2]!;
        continue;
      }
      const t = a / 255;
      background[p] = background[p]! + (rgba[q]! - background[p]!) * t;
      background[p + 1] = background[p + 1]! + (rgba[q + 1]! - background[p + 1]!) * t;
      background[p + 2] = background[p + 2]! + (rgba[q + 2]! - background[p + 2]!) * t;
    }
  }
}

/**
 * The scene as RGB pixels (row-major, 3 bytes per pixel), without PNG encoding: for generating training
 * images on the fly, where encoding would be most of the cost.
 */
export async function renderSceneRgb(scene: WorldScene): Promise<Uint8ClampedArray> {
  configureSharp();
  const { width } = scene;
  // Only the window that holds objects goes through librsvg.
  const window = objectsWindow(scene);
  const objects = window
    ? sharp(Buffer.from(objectsSvg(scene, window))).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    : undefined;
  const background = renderBackground(scene);
  if (objects && window) {
    const { data, info } = await objects;
    if (info.width !== window.w || info.height !== window.h || info.channels !== 4) {
      throw new WorldError(`world/renderer: SVG rendered as ${info.width}x${info.height}x${info.channels}, expected ${window.w}x${window.h}x4`);
    }
    blendOver(background, width, data, window);
  }
  return background;
}

export async function renderScenePng(scene: WorldScene, options: RenderOptions = {}): Promise<Buffer> {
  const { width, height } = scene;
  return sharp(await renderSceneRgb(scene), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: options.compressionLevel ?? DEFAULT_COMPRESSION_LEVEL })
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
