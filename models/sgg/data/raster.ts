/**
 * Raw RGB rasters and the steps between a decoded image and the model input: integer box downsampling
 * (the one resampling step shared by training and inference) and normalization into a CHW float tensor.
 */
import type { Normalization } from '../config.ts';
import { SggError } from '../errors/sgg-error.ts';

/** 8-bit RGB, row-major, interleaved (HWC). */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Float RGB in 0..1, row-major, interleaved (HWC): what augmentation works on. */
export interface FloatImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/**
 * Averages each factor x factor block (rounded to the nearest integer): out(x, y) = mean of
 * src(fx + i, fy + j), i, j < factor. Shapes: [H, W, 3] -> [H / f, W / f, 3].
 */
export function boxDownsample(src: RgbImage, factor: number): RgbImage {
  if (factor === 1) return src;
  const { width, height, data } = src;
  if (factor === 2 && width % 2 === 0 && height % 2 === 0) return halve(src);
  if (!Number.isInteger(factor) || factor < 1 || width % factor !== 0 || height % factor !== 0) {
    throw new SggError(`sgg/raster: cannot box-downsample ${width}x${height} by ${factor}`);
  }
  const w = width / factor;
  const h = height / factor;
  const out = new Uint8Array(w * h * 3);
  const sums = new Uint32Array(w * 3);
  const area = factor * factor;
  const half = area >> 1;
  for (let y = 0; y < h; y++) {
    sums.fill(0);
    for (let j = 0; j < factor; j++) {
      let p = ((y * factor + j) * width) * 3;
      for (let x = 0; x < w; x++) {
        const q = x * 3;
        for (let i = 0; i < factor; i++, p += 3) {
          sums[q] = sums[q]! + data[p]!;
          sums[q + 1] = sums[q + 1]! + data[p + 1]!;
          sums[q + 2] = sums[q + 2]! + data[p + 2]!;
        }
      }
    }
    const row = y * w * 3;
    for (let k = 0; k < w * 3; k++) out[row + k] = Math.floor((sums[k]! + half) / area);
  }
  return { width: w, height: h, data: out };
}

/** The 2 x 2 case of boxDownsample, unrolled (it runs once per image at inference). */
function halve(src: RgbImage): RgbImage {
  const { width, height, data } = src;
  const w = width / 2;
  const h = height / 2;
  const out = new Uint8Array(w * h * 3);
  const row = width * 3;
  let o = 0;
  for (let y = 0; y < h; y++) {
    let p = 2 * y * row;
    for (let x = 0; x < w; x++, p += 6, o += 3) {
      const q = p + row;
      out[o] = (data[p]! + data[p + 3]! + data[q]! + data[q + 3]! + 2) >> 2;
      out[o + 1] = (data[p + 1]! + data[p + 4]! + data[q + 1]! + data[q + 4]! + 2) >> 2;
      out[o + 2] = (data[p + 2]! + data[p + 5]! + data[q + 2]! + data[q + 5]! + 2) >> 2;
    }
  }
  return { width: w, height: h, data: out };
}

export function toFloatImage(src: RgbImage): FloatImage {
  const data = new Float32Array(src.data.length);
  const bytes = src.data;
  const k = 1 / 255;
  for (let i = 0; i < data.length; i++) data[i] = bytes[i]! * k;
  return { width: src.width, height: src.height, data };
}

/** Float 0..1 back to 8 bits (rounded, clamped). */
export function toRgbImage(src: FloatImage): RgbImage {
  const data = new Uint8Array(src.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, Math.round(src.data[i]! * 255)));
  return { width: src.width, height: src.height, data };
}

/**
 * Writes an image as the normalized CHW tensor the model reads, x = (v - mean[c]) / std[c] with v in 0..1,
 * at `offset` of `out` (so a batch fills one buffer). Shapes: [H, W, 3] -> [3, H, W].
 */
export function writeInputTensor(src: RgbImage | FloatImage, normalization: Normalization, out: Float32Array, offset = 0): void {
  const { width, height, data } = src;
  const plane = width * height;
  if (offset + 3 * plane > out.length) throw new SggError(`sgg/raster: tensor buffer too small for a ${width}x${height} image at ${offset}`);
  const scale = data instanceof Uint8Array ? 1 / 255 : 1;
  for (let c = 0; c < 3; c++) {
    const k = scale / normalization.std[c]!;
    const b = -normalization.mean[c]! / normalization.std[c]!;
    const base = offset + c * plane;
    for (let p = 0, q = c; p < plane; p++, q += 3) out[base + p] = data[q]! * k + b;
  }
}
