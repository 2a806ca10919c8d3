/**
 * Image bytes -> model input. sharp decodes (any format it knows: PNG, JPEG, WebP, ...), drops alpha,
 * converts to sRGB and brings the image to boxFactor times the input size (a no-op for 256 x 256 world
 * images and our 256 x 256 model, whose boxFactor is 1); that is then box-averaged down to the input size
 * (data/raster.ts), the same step training uses. Failures become ImageInputError with a problem code: empty, not-an-image, corrupt
 * (includes truncated files: sharp's metadata() accepts them, so only a full decode is a validity check),
 * too-large (over the pixel limit, sharp's default unless given), unreadable (file system).
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { ImageInputError, type ImageProblem } from '../errors/image-input-error.ts';
import { type RgbImage, boxDownsample } from '../data/raster.ts';

/** The model input's size; images are decoded at boxFactor times it, then box-averaged down. */
export interface ImageGeometry {
  readonly width: number;
  readonly height: number;
  readonly boxFactor: number;
}

export interface DecodeOptions {
  /** Max input pixels (width x height); default sharp's own limit (268402689). */
  readonly limitInputPixels?: number;
}

let configured = false;

function configureSharp(): void {
  if (configured) return;
  configured = true;
  // Many small images: one libvips thread per pipeline (parallelism comes from pipelines), no cache.
  sharp.concurrency(1);
  sharp.cache(false);
}

function classify(message: string): ImageProblem {
  if (/pixel limit/i.test(message)) return 'too-large';
  if (/unsupported image format|bad seek|not a known file format|input file is missing/i.test(message)) return 'not-an-image';
  return 'corrupt';
}

const DESCRIBE: Record<ImageProblem, string> = {
  'empty': 'the file is empty',
  'not-an-image': 'not an image sharp can decode',
  'corrupt': 'corrupt or truncated image',
  'too-large': 'the image exceeds the pixel limit',
  'unreadable': 'cannot read the file',
};

/** Decodes image bytes to RGB at (width, height) x boxFactor. `source` names the image in errors. */
export async function decodeImage(bytes: Uint8Array, geometry: ImageGeometry, source = 'image', options: DecodeOptions = {}): Promise<{ image: RgbImage; width: number; height: number }> {
  configureSharp();
  if (bytes.length === 0) throw new ImageInputError(`sgg/image: ${source}: ${DESCRIBE.empty}`, 'empty');
  const w = geometry.width * geometry.boxFactor;
  const h = geometry.height * geometry.boxFactor;
  try {
    const pipeline = sharp(bytes, { limitInputPixels: options.limitInputPixels ?? 268402689, failOn: 'warning' });
    const meta = await pipeline.metadata();
    let chain = pipeline.removeAlpha().toColourspace('srgb');
    if (meta.width !== w || meta.height !== h || (meta.orientation ?? 1) !== 1) {
      chain = chain.rotate().resize(w, h, { fit: 'fill', kernel: 'linear' });
    }
    const { data, info } = await chain.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || info.width !== w || info.height !== h) {
      throw new Error(`decoded to ${info.width}x${info.height}x${info.channels}`);
    }
    // EXIF orientations 5-8 swap the axes of the displayed image.
    const swapped = (meta.orientation ?? 1) >= 5;
    const [width, height] = swapped ? [meta.height ?? h, meta.width ?? w] : [meta.width ?? w, meta.height ?? h];
    return { image: { width: w, height: h, data: new Uint8Array(data.buffer, data.byteOffset, data.length) }, width, height };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    const problem = classify(message);
    throw new ImageInputError(`sgg/image: ${source}: ${DESCRIBE[problem]} (${message.split('\n')[0]})`, problem, { cause: error });
  }
}

/** Decoded source -> the model's input raster. */
export function toInputRaster(source: RgbImage, geometry: ImageGeometry): RgbImage {
  return boxDownsample(source, geometry.boxFactor);
}

/** Reads and decodes an image file; file-system failures are ImageInputError('unreadable'). */
export async function readImageFile(path: string, geometry: ImageGeometry, options: DecodeOptions = {}): Promise<{ image: RgbImage; width: number; height: number }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ImageInputError(`sgg/image: ${path}: ${DESCRIBE.unreadable} (${(error as Error).message})`, 'unreadable', { cause: error });
  }
  return decodeImage(bytes, geometry, path, options);
}
