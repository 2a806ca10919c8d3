/**
 * World scene -> 256x256 RGB PNG: the objects' SVG (svg.ts) is rendered to RGBA by sharp (librsvg) while
 * the background raster (background.ts) is computed, the two are alpha-blended here, and sharp encodes
 * the PNG. Several scenes render at once (sharp runs pipelines on libuv's thread pool). sharp's global
 * settings (concurrency, cache) are left alone: other parts of the process use sharp too.
 */
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { renderBackground } from './background.ts';
import { objectsSvg, objectsWindow, tiledObjectsSvg, type PixelWindow } from './svg.ts';
import type { WorldScene } from './world-scene.ts';
import { WorldError } from './world-error.ts';

export interface RenderOptions {
  /** zlib level 0-9 (default 1: encoding dominates the render time; 6 halves the size at 2.5x the cost). */
  compressionLevel?: number;
}

/** PNG zlib level used when none is given (measured: level 1 encodes ~2.5x faster than 6, files ~1.9x larger). */
export const DEFAULT_COMPRESSION_LEVEL = 1;

/**
 * Alpha-blends straight (non-premultiplied) RGBA over an RGB image `width` pixels wide, in place:
 * out = bg (1 - a) + fg a, for the image's `window`, read from `rgba` (rows of `rgbaWidth` pixels;
 * the window's top-left pixel at column `rgbaX`, row `rgbaY`). Done here rather than with sharp's
 * composite, which measured ~2.7 ms per scene against ~0.3 ms here.
 */
export function blendOver(
  background: Uint8ClampedArray,
  width: number,
  rgba: Uint8Array,
  window: PixelWindow,
  rgbaWidth = window.w,
  rgbaX = 0,
  rgbaY = 0,
): void {
  for (let row = 0; row < window.h; row++) {
    let p = ((window.y + row) * width + window.x) * 3;
    let q = ((rgbaY + row) * rgbaWidth + rgbaX) * 4;
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

/** Scenes per librsvg call in `renderScenes` (default). */
export const DEFAULT_RENDER_BATCH = 8;

/**
 * RGB pixels of several scenes with one librsvg call (tiledObjectsSvg): the pixels of renderSceneRgb,
 * except that librsvg may round pattern tiles of far-right tiles differently (a few stripe or dot edge
 * pixels by a few levels; tested).
 * Scenes of different sizes are fine: tiles are as large as the largest.
 */
export async function renderScenesRgb(scenes: readonly WorldScene[]): Promise<Uint8ClampedArray[]> {
  if (scenes.length === 0) return [];
  const tileWidth = Math.max(...scenes.map((s) => s.width));
  const tileHeight = Math.max(...scenes.map((s) => s.height));
  const objects = sharp(Buffer.from(tiledObjectsSvg(scenes, tileWidth, tileHeight))).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const backgrounds = scenes.map(renderBackground);
  const { data, info } = await objects;
  if (info.width !== scenes.length * tileWidth || info.height !== tileHeight || info.channels !== 4) {
    throw new WorldError(`world/renderer: tiled SVG rendered as ${info.width}x${info.height}x${info.channels}`);
  }
  scenes.forEach((scene, k) => {
    const window = objectsWindow(scene);
    if (window) blendOver(backgrounds[k]!, scene.width, data, window, info.width, k * tileWidth + window.x, window.y);
  });
  return backgrounds;
}

/**
 * Renders scenes to PNG, `batch` scenes per librsvg call and up to `concurrency` PNG encodings in
 * flight, calling `onImage` in input order (so files are written in a deterministic order).
 */
export async function renderScenes(
  scenes: Iterable<WorldScene>,
  onImage: (scene: WorldScene, png: Buffer, index: number) => void | Promise<void>,
  options: RenderOptions & { concurrency?: number; batch?: number } = {},
): Promise<void> {
  const concurrency = Math.max(1, options.concurrency ?? defaultRenderConcurrency());
  const batchSize = Math.max(1, options.batch ?? DEFAULT_RENDER_BATCH);
  const compressionLevel = options.compressionLevel ?? DEFAULT_COMPRESSION_LEVEL;
  const pending: Promise<[WorldScene, Buffer]>[] = [];
  let index = 0;
  const drain = async (keep: number): Promise<void> => {
    while (pending.length > keep) {
      const [done, png] = await pending.shift()!;
      await onImage(done, png, index++);
    }
  };
  const flush = async (batch: WorldScene[]): Promise<void> => {
    const pixels = await renderScenesRgb(batch);
    batch.forEach((scene, k) => {
      const encoded = sharp(pixels[k]!, { raw: { width: scene.width, height: scene.height, channels: 3 } })
        .png({ compressionLevel })
        .toBuffer();
      pending.push(encoded.then((png) => [scene, png]));
    });
    await drain(concurrency);
  };
  let batch: WorldScene[] = [];
  for (const scene of scenes) {
    batch.push(scene);
    if (batch.length === batchSize) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await flush(batch);
  await drain(0);
}
