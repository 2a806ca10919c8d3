/**
 * Semantics-preserving image views (DESIGN §6): the augmentations training uses and the views the SSL
 * stage extracts graphs from. Photometric: brightness, contrast, saturation, a small hue rotation that
 * keeps colour names (the closest two world hues, orange and yellow, are about 20 degrees apart), blur,
 * Gaussian noise, JPEG artefacts. Geometric: uniform scale and translation only (never flips or
 * rotations, which would change "left of" / "above"); the translation is drawn so that given boxes stay
 * inside the frame, so no object is cut and every relation still holds.
 *
 * The geometric transform maps normalized coordinates p (0..1) to p' = s (p - 1/2) + 1/2 + d.
 */
import sharp from 'sharp';
import type { Rng } from '../../../graph/world/index.ts';
import { type FloatImage, type RgbImage, toFloatImage, toRgbImage } from './raster.ts';

export interface AugmentOptions {
  /** Chance of a geometric transform (default 0.5). */
  readonly geometricProbability: number;
  /** Scale range (default 0.9-1.1). */
  readonly scale: readonly [number, number];
  /** Max translation as a fraction of the side (default 0.06). */
  readonly translate: number;
  /** Additive brightness range ± (default 0.12, in 0..1 units). */
  readonly brightness: number;
  readonly contrast: readonly [number, number];
  readonly saturation: readonly [number, number];
  /** Max hue rotation ± in degrees (default 6). */
  readonly hueDegrees: number;
  readonly blurProbability: number;
  readonly noiseProbability: number;
  /** Max noise standard deviation (default 0.025). */
  readonly noiseStd: number;
  readonly jpegProbability: number;
  readonly jpegQuality: readonly [number, number];
}

export const DEFAULT_AUGMENT: AugmentOptions = {
  geometricProbability: 0.5,
  scale: [0.9, 1.1],
  translate: 0.06,
  brightness: 0.12,
  contrast: [0.8, 1.2],
  saturation: [0.75, 1.25],
  hueDegrees: 6,
  blurProbability: 0.2,
  noiseProbability: 0.5,
  noiseStd: 0.025,
  jpegProbability: 0.1,
  jpegQuality: [65, 95],
};

/** p' = scale (p - 1/2) + 1/2 + (dx, dy), normalized coordinates. */
export interface ViewTransform {
  readonly scale: number;
  readonly dx: number;
  readonly dy: number;
}

export const IDENTITY_VIEW: ViewTransform = { scale: 1, dx: 0, dy: 0 };

/** A box (x1, y1, x2, y2, normalized) under a view transform. */
export function transformBox(box: readonly [number, number, number, number], t: ViewTransform): [number, number, number, number] {
  const f = (v: number, d: number) => t.scale * (v - 0.5) + 0.5 + d;
  return [f(box[0], t.dx), f(box[1], t.dy), f(box[2], t.dx), f(box[3], t.dy)];
}

export interface AugmentedView {
  readonly image: FloatImage;
  readonly transform: ViewTransform;
}

/** The range of translations keeping every box inside [0, 1] at scale s, per axis; null when none does. */
function translationRange(boxes: readonly (readonly [number, number, number, number])[], s: number, axis: 0 | 1, limit: number): [number, number] | null {
  let lo = -limit;
  let hi = limit;
  for (const b of boxes) {
    lo = Math.max(lo, -(s * (b[axis] - 0.5) + 0.5));
    hi = Math.min(hi, 1 - (s * (b[axis + 2]! - 0.5) + 0.5));
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Draws a geometric transform that keeps `boxes` in frame (identity when none fits). */
export function drawTransform(rng: Rng, boxes: readonly (readonly [number, number, number, number])[], o: AugmentOptions): ViewTransform {
  if (!rng.chance(o.geometricProbability)) return IDENTITY_VIEW;
  for (const s of [rng.range(o.scale[0], o.scale[1]), 1]) {
    const rx = translationRange(boxes, s, 0, o.translate);
    const ry = translationRange(boxes, s, 1, o.translate);
    if (rx && ry) return { scale: s, dx: rng.range(rx[0], rx[1]), dy: rng.range(ry[0], ry[1]) };
  }
  return IDENTITY_VIEW;
}

/** Bilinear resampling under `t` (edges replicated). Shapes: [H, W, 3] -> [H, W, 3]. */
export function warp(src: RgbImage, t: ViewTransform): FloatImage {
  const { width: w, height: h, data } = src;
  if (t.scale === 1 && t.dx === 0 && t.dy === 0) return toFloatImage(src);
  const out = new Float32Array(w * h * 3);
  const inv = 1 / t.scale;
  const sx = new Float32Array(w);
  const sy = new Float32Array(h);
  for (let u = 0; u < w; u++) sx[u] = (((u + 0.5) / w - 0.5 - t.dx) * inv + 0.5) * w - 0.5;
  for (let v = 0; v < h; v++) sy[v] = (((v + 0.5) / h - 0.5 - t.dy) * inv + 0.5) * h - 0.5;
  for (let v = 0; v < h; v++) {
    const y = Math.min(Math.max(sy[v]!, 0), h - 1);
    const y0 = Math.floor(y);
    const y1 = Math.min(y0 + 1, h - 1);
    const fy = y - y0;
    for (let u = 0; u < w; u++) {
      const x = Math.min(Math.max(sx[u]!, 0), w - 1);
      const x0 = Math.floor(x);
      const x1 = Math.min(x0 + 1, w - 1);
      const fx = x - x0;
      const a = (y0 * w + x0) * 3;
      const b = (y0 * w + x1) * 3;
      const c = (y1 * w + x0) * 3;
      const d = (y1 * w + x1) * 3;
      const o = (v * w + u) * 3;
      for (let k = 0; k < 3; k++) {
        const top = data[a + k]! + (data[b + k]! - data[a + k]!) * fx;
        const bottom = data[c + k]! + (data[d + k]! - data[c + k]!) * fx;
        out[o + k] = (top + (bottom - top) * fy) / 255;
      }
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * The colour transform as one affine map x' = c (H S x) + (1 - c)/2 + b: hue rotation H and saturation S
 * (the CSS filter matrices, luminance-preserving), contrast c about mid-grey, brightness b.
 */
export function colorMatrix(hueDegrees: number, saturation: number, contrast: number, brightness: number): { m: Float32Array; offset: number } {
  const r = (hueDegrees * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  const hue = [
    0.213 + cos * 0.787 - sin * 0.213, 0.715 - cos * 0.715 - sin * 0.715, 0.072 - cos * 0.072 + sin * 0.928,
    0.213 - cos * 0.213 + sin * 0.143, 0.715 + cos * 0.285 + sin * 0.14, 0.072 - cos * 0.072 - sin * 0.283,
    0.213 - cos * 0.213 - sin * 0.787, 0.715 - cos * 0.715 + sin * 0.715, 0.072 + cos * 0.928 + sin * 0.072,
  ];
  const s = saturation;
  const sat = [
    0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s,
    0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s,
    0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s,
  ];
  const m = new Float32Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let v = 0;
      for (let k = 0; k < 3; k++) v += sat[i * 3 + k]! * hue[k * 3 + j]!;
      m[i * 3 + j] = contrast * v;
    }
  }
  return { m, offset: (1 - contrast) / 2 + brightness };
}

export function applyColor(img: FloatImage, m: Float32Array, offset: number): void {
  const d = img.data;
  for (let p = 0; p < d.length; p += 3) {
    const r = d[p]!;
    const g = d[p + 1]!;
    const b = d[p + 2]!;
    d[p] = m[0]! * r + m[1]! * g + m[2]! * b + offset;
    d[p + 1] = m[3]! * r + m[4]! * g + m[5]! * b + offset;
    d[p + 2] = m[6]! * r + m[7]! * g + m[8]! * b + offset;
  }
}

/** Separable [1, 2, 1] / 4 blur (sigma about 0.7 px), edges replicated. */
export function blur3(img: FloatImage): void {
  const { width: w, height: h, data } = img;
  const tmp = new Float32Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const l = (y * w + Math.max(x - 1, 0)) * 3;
      const c = (y * w + x) * 3;
      const r = (y * w + Math.min(x + 1, w - 1)) * 3;
      for (let k = 0; k < 3; k++) tmp[c + k] = (data[l + k]! + 2 * data[c + k]! + data[r + k]!) * 0.25;
    }
  }
  for (let y = 0; y < h; y++) {
    const up = Math.max(y - 1, 0) * w * 3;
    const row = y * w * 3;
    const down = Math.min(y + 1, h - 1) * w * 3;
    for (let k = 0; k < w * 3; k++) data[row + k] = (tmp[up + k]! + 2 * tmp[row + k]! + tmp[down + k]!) * 0.25;
  }
}

/** 4096 standard normal values (Box-Muller from a fixed stream): noise is read from here, not drawn per value. */
const NORMAL_TABLE = (() => {
  const table = new Float32Array(4096);
  let state = 0x2545f491;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  for (let i = 0; i < table.length; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    table[i] = radius * Math.cos(angle);
    table[i + 1] = radius * Math.sin(angle);
  }
  return table;
})();

/**
 * Adds N(0, std^2) noise: value i gets std * T[(start + i * stride) mod 4096] for a table T of normal
 * draws, a random start and a random odd stride (so consecutive pixels and images differ).
 */
export function addNoise(img: FloatImage, rng: Rng, std: number): void {
  const d = img.data;
  const start = rng.int(0, 4095);
  const stride = 2 * rng.int(0, 1023) + 1;
  for (let i = 0, k = start; i < d.length; i++, k = (k + stride) & 4095) d[i] = d[i]! + std * NORMAL_TABLE[k]!;
}

export function clamp01(img: FloatImage): void {
  const d = img.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    d[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}

/** JPEG round trip at `quality` through sharp. */
export async function jpegRoundTrip(img: FloatImage, quality: number): Promise<FloatImage> {
  const rgb = toRgbImage(img);
  const jpeg = await sharp(rgb.data, { raw: { width: rgb.width, height: rgb.height, channels: 3 } }).jpeg({ quality: Math.round(quality) }).toBuffer();
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  return toFloatImage({ width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) });
}

/**
 * One random view of `src`: geometric transform (keeping `boxes` in frame), colour, blur, noise, JPEG,
 * each drawn from `rng` with the probabilities and ranges of `options`.
 */
export async function augmentView(
  src: RgbImage,
  rng: Rng,
  boxes: readonly (readonly [number, number, number, number])[] = [],
  options: AugmentOptions = DEFAULT_AUGMENT,
): Promise<AugmentedView> {
  const transform = drawTransform(rng, boxes, options);
  let image = warp(src, transform);
  const { m, offset } = colorMatrix(
    rng.range(-options.hueDegrees, options.hueDegrees),
    rng.range(options.saturation[0], options.saturation[1]),
    rng.range(options.contrast[0], options.contrast[1]),
    rng.range(-options.brightness, options.brightness),
  );
  applyColor(image, m, offset);
  if (rng.chance(options.blurProbability)) blur3(image);
  if (rng.chance(options.noiseProbability)) addNoise(image, rng, rng.range(0, options.noiseStd));
  clamp01(image);
  if (rng.chance(options.jpegProbability)) image = await jpegRoundTrip(image, rng.range(options.jpegQuality[0], options.jpegQuality[1]));
  return { image, transform };
}
