/**
 * Renders a view of an image with sharp (view-spec.ts gives the parameters). Order: geometry (resize by
 * `scale`, edge pixels copied outward, crop back to the original size at the offset), then photometry
 * (brightness / saturation / hue, contrast), blur, noise (in JavaScript on the raw pixels: sharp has no
 * noise operation) and a JPEG round trip. Edge replication rather than mirroring: a mirrored border
 * would duplicate objects near the edge. Output: PNG (compression 1) of the original size, RGB.
 */
import sharp from 'sharp';
import { Rng } from '../../../graph/world/prng.ts';
import type { ViewSpec } from './view-spec.ts';

export async function augmentImage(input: Uint8Array | string, spec: ViewSpec, noiseSeed: string | number = 0): Promise<Buffer> {
  const meta = await sharp(input).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const sw = Math.max(1, Math.round(width * spec.scale));
  const sh = Math.max(1, Math.round(height * spec.scale));
  const margin = Math.ceil(Math.max(width, height) * 0.5);
  // sharp runs extract before resize within one pipeline, so the crop is a second pipeline.
  const padded = await sharp(input).removeAlpha().resize(sw, sh, { kernel: 'lanczos3' })
    .extend({ top: margin, bottom: margin, left: margin, right: margin, extendWith: 'copy' })
    .raw()
    .toBuffer();
  const cropped = await sharp(padded, { raw: { width: sw + 2 * margin, height: sh + 2 * margin, channels: 3 } })
    .extract({ left: margin - spec.dx, top: margin - spec.dy, width, height })
    .raw()
    .toBuffer();
  let image = sharp(cropped, { raw: { width, height, channels: 3 } });
  image = image.modulate({ brightness: spec.brightness, saturation: spec.saturation, hue: Math.round(spec.hue) })
    .linear(spec.contrast, 128 * (1 - spec.contrast));
  if (spec.blur > 0) image = image.blur(Math.max(0.3, spec.blur));
  let pixels = await image.raw().toBuffer();
  if (spec.noise > 0) {
    const rng = new Rng('vqa-view-noise', noiseSeed);
    for (let i = 0; i < pixels.length; i++) {
      // Box-Muller is overkill for pixel noise: a sum of 3 uniforms is close enough to Gaussian.
      const n = (rng.next() + rng.next() + rng.next() - 1.5) * 2 * spec.noise;
      pixels[i] = Math.max(0, Math.min(255, Math.round((pixels[i] as number) + n)));
    }
  }
  if (spec.jpegQuality > 0) {
    pixels = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: spec.jpegQuality }).toBuffer()
      .then((jpeg) => sharp(jpeg).removeAlpha().raw().toBuffer());
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}
