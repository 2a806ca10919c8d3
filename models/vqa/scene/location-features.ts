/**
 * Image features for predicting the scene's `location` (the background kind in the shapes world:
 * light, dark or grid), robust to the objects in front of it:
 *   f0 = median luminance / 255                                  (dark vs light backgrounds)
 *   f1 = quantile 0.25 of luminance / 255, f2 = quantile 0.75 / 255
 *   f3, f4 = grid strength along x and y: for every column (row), the median over rows (columns) of the
 *            absolute luminance step to the next column (row); grid lines make whole columns (rows)
 *            step, objects only a few pixels of each. Strength = mean of the 8 largest column medians
 *            minus the median of all of them, / 32.
 * Luminance L = round(0.299 R + 0.587 G + 0.114 B) on the image brought to 256 x 256; every quantile comes
 * from a 256-bin histogram (linear time, no sorting).
 */
import sharp from 'sharp';

export const LOCATION_FEATURES = ['median', 'q25', 'q75', 'gridX', 'gridY'] as const;
export const LOCATION_SIDE = 256;

/** The value below which `fraction` of the counts lie, from a 256-bin histogram of integers 0..255. */
function histogramQuantile(histogram: Uint32Array, total: number, fraction: number): number {
  const target = Math.floor(fraction * total);
  let seen = 0;
  for (let v = 0; v < histogram.length; v++) {
    seen += histogram[v] as number;
    if (seen > target) return v;
  }
  return histogram.length - 1;
}

function gridStrength(lum: Uint8Array, side: number, alongX: boolean): number {
  const medians = new Float32Array(side - 1);
  const histogram = new Uint32Array(256);
  for (let a = 0; a < side - 1; a++) {
    histogram.fill(0);
    for (let b = 0; b < side; b++) {
      const i = alongX ? b * side + a : a * side + b;
      const j = alongX ? i + 1 : i + side;
      histogram[Math.abs((lum[j] as number) - (lum[i] as number))]! += 1;
    }
    medians[a] = histogramQuantile(histogram, side, 0.5);
  }
  const sorted = Float32Array.from(medians).sort();
  let top = 0;
  for (let k = 1; k <= 8; k++) top += sorted[sorted.length - k] as number;
  return (top / 8 - (sorted[sorted.length >> 1] as number)) / 32;
}

/** Features of an RGB raster (3 channels, row-major) of side LOCATION_SIDE. */
export function locationFeaturesOfRaster(rgb: Uint8Array): Float32Array {
  const n = LOCATION_SIDE * LOCATION_SIDE;
  const lum = new Uint8Array(n);
  const histogram = new Uint32Array(256);
  for (let p = 0; p < n; p++) {
    const l = Math.round(0.299 * (rgb[3 * p] as number) + 0.587 * (rgb[3 * p + 1] as number) + 0.114 * (rgb[3 * p + 2] as number));
    lum[p] = l;
    histogram[l]! += 1;
  }
  const q = (f: number) => histogramQuantile(histogram, n, f) / 255;
  return Float32Array.of(q(0.5), q(0.25), q(0.75), gridStrength(lum, LOCATION_SIDE, true), gridStrength(lum, LOCATION_SIDE, false));
}

/** Features of encoded image bytes (any format sharp reads) or a file path. */
export async function locationFeatures(image: Uint8Array | string): Promise<Float32Array> {
  const raw = await sharp(image).removeAlpha().resize(LOCATION_SIDE, LOCATION_SIDE, { fit: 'fill' }).raw().toBuffer();
  return locationFeaturesOfRaster(new Uint8Array(raw.buffer, raw.byteOffset, raw.length));
}

/**
 * Features of an image that has already been decoded to `raster` (e.g. the generator's input): the classifier
 * was fitted on the image brought to 256 x 256, so a raster that is the original image at that size
 * unchanged gives the same features without decoding `bytes` a second time; anything else is decoded again.
 */
export function locationFeaturesOfDecoded(
  bytes: Uint8Array,
  raster: { readonly width: number; readonly height: number; readonly data: Uint8Array },
  original: { readonly width: number; readonly height: number },
): Promise<Float32Array> {
  const unchanged = raster.width === LOCATION_SIDE && raster.height === LOCATION_SIDE && original.width === LOCATION_SIDE && original.height === LOCATION_SIDE;
  return unchanged ? Promise.resolve(locationFeaturesOfRaster(raster.data)) : locationFeatures(bytes);
}
