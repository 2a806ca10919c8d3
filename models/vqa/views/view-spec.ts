/**
 * A view: one semantics-preserving augmentation of an image (DESIGN §6). Photometric changes (brightness,
 * contrast, saturation, a hue shift small enough to keep every colour name), blur, pixel noise and JPEG
 * artefacts, plus a small scale and translation. Never flips or rotations: they would change "left of"
 * and "above". The geometry is known exactly, so a box maps between the image and the view:
 *   x_view = scale · x_image + dx,   y_view = scale · y_image + dy        (pixels; size unchanged)
 */
import { Rng } from '../../../graph/world/prng.ts';

export interface ViewTransform {
  readonly scale: number;
  readonly dx: number;
  readonly dy: number;
}

export interface ViewSpec extends ViewTransform {
  /** Multipliers around 1. */
  readonly brightness: number;
  readonly contrast: number;
  readonly saturation: number;
  /** Hue rotation in degrees. */
  readonly hue: number;
  /** Gaussian blur sigma in pixels; 0 = none. */
  readonly blur: number;
  /** Standard deviation of additive Gaussian pixel noise (0..255 scale); 0 = none. */
  readonly noise: number;
  /** JPEG round trip at this quality; 0 = none. */
  readonly jpegQuality: number;
}

export const IDENTITY_VIEW: ViewSpec = {
  scale: 1, dx: 0, dy: 0, brightness: 1, contrast: 1, saturation: 1, hue: 0, blur: 0, noise: 0, jpegQuality: 0,
};

export interface ViewRanges {
  /** scale in [1 - scale, 1 + scale] (default 0.1). */
  readonly scale: number;
  /** |dx|, |dy| at most this fraction of the image side (default 0.05). */
  readonly translate: number;
  readonly brightness: number;
  readonly contrast: number;
  readonly saturation: number;
  /** |hue| at most this many degrees (default 6: red stays red, orange stays orange). */
  readonly hue: number;
  /** Probability and largest sigma of the blur. */
  readonly blurProbability: number;
  readonly maxBlur: number;
  readonly noiseProbability: number;
  readonly maxNoise: number;
  readonly jpegProbability: number;
  /** JPEG quality drawn in [minJpegQuality, 90]. */
  readonly minJpegQuality: number;
}

export const DEFAULT_VIEW_RANGES: ViewRanges = {
  scale: 0.1, translate: 0.03, brightness: 0.15, contrast: 0.15, saturation: 0.15, hue: 6,
  blurProbability: 0.5, maxBlur: 1, noiseProbability: 0.5, maxNoise: 8, jpegProbability: 0.5, minJpegQuality: 40,
};

/** View `view` (>= 1) of image `imageId`, a pure function of (seed, imageId, view). View 0 is the image itself. */
export function sampleViewSpec(seed: number | string, imageId: string, view: number, width: number, height: number, ranges: ViewRanges = DEFAULT_VIEW_RANGES): ViewSpec {
  if (view === 0) return IDENTITY_VIEW;
  const rng = new Rng(seed, 'vqa-view', imageId, view);
  const around = (r: number) => rng.range(1 - r, 1 + r);
  const scale = around(ranges.scale);
  // Translate around the centre-preserving offset, so scaling does not also push the scene to a corner.
  const dx = Math.round(((1 - scale) * width) / 2 + rng.range(-ranges.translate, ranges.translate) * width);
  const dy = Math.round(((1 - scale) * height) / 2 + rng.range(-ranges.translate, ranges.translate) * height);
  return {
    scale, dx, dy,
    brightness: around(ranges.brightness),
    contrast: around(ranges.contrast),
    saturation: around(ranges.saturation),
    hue: rng.range(-ranges.hue, ranges.hue),
    blur: rng.chance(ranges.blurProbability) ? rng.range(0.3, ranges.maxBlur) : 0,
    noise: rng.chance(ranges.noiseProbability) ? rng.range(1, ranges.maxNoise) : 0,
    jpegQuality: rng.chance(ranges.jpegProbability) ? rng.int(ranges.minJpegQuality, 90) : 0,
  };
}

/** An image-frame box seen in the view. */
export function boxToView<B extends { x: number; y: number; w: number; h: number }>(box: B, t: ViewTransform): B {
  return { ...box, x: t.scale * box.x + t.dx, y: t.scale * box.y + t.dy, w: t.scale * box.w, h: t.scale * box.h };
}

/** A view-frame box brought back to the image frame. */
export function boxFromView<B extends { x: number; y: number; w: number; h: number }>(box: B, t: ViewTransform): B {
  return { ...box, x: (box.x - t.dx) / t.scale, y: (box.y - t.dy) / t.scale, w: box.w / t.scale, h: box.h / t.scale };
}
