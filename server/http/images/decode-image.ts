/**
 * Untrusted image bytes -> decoded RGB pixels, or an HttpError saying exactly what is wrong:
 * - empty, truncated or corrupt data: 422 `invalid_image` (sharp's `metadata()` succeeds on truncated
 *   files, so validity is only known after a full decode);
 * - not PNG / JPEG / WebP (text, SVG, GIF, ...): 415 `unsupported_media_type`;
 * - more than `maxPixels` pixels: 413 `image_too_large`, refused from the header before any decoding.
 * sharp works on libuv's thread pool, so decoding never blocks the event loop.
 */
import sharp from 'sharp';
import { HttpError } from '../errors/http-error.ts';

export const IMAGE_FORMATS = ['png', 'jpeg', 'webp'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** Decoded pixels: `data` is height x width x 3 bytes, RGB, row-major. */
export interface DecodedImage {
  /** The original file, for models that decode it themselves. */
  bytes: Buffer;
  format: ImageFormat;
  width: number;
  height: number;
  data: Buffer;
}

function isImageFormat(format: string | undefined): format is ImageFormat {
  return (IMAGE_FORMATS as readonly string[]).includes(format ?? '');
}

export async function decodeImage(bytes: Buffer, maxPixels: number, field = 'image'): Promise<DecodedImage> {
  if (bytes.length === 0) throw new HttpError(422, 'invalid_image', `${field}: the file is empty`, { path: [field] });
  let format: string | undefined;
  let width = 0;
  let height = 0;
  try {
    const meta = await sharp(bytes, { limitInputPixels: maxPixels }).metadata();
    ({ format, width, height } = meta);
  } catch (error) {
    throw headerError(error, field, maxPixels);
  }
  if (!isImageFormat(format)) {
    throw new HttpError(415, 'unsupported_media_type', `${field}: ${format ?? 'unknown'} images are not accepted (use PNG, JPEG or WebP)`, { path: [field] });
  }
  if (width * height > maxPixels) throw tooLarge(field, maxPixels, `${width}x${height}`);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { bytes, format, width: info.width, height: info.height, data };
  } catch (error) {
    throw new HttpError(422, 'invalid_image', `${field}: the ${format.toUpperCase()} data is truncated or corrupt (${sharpMessage(error)})`, { path: [field] });
  }
}

function sharpMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

function tooLarge(field: string, maxPixels: number, size: string): HttpError {
  return new HttpError(413, 'image_too_large', `${field}: ${size} exceeds the limit of ${maxPixels} pixels`, { path: [field] });
}

function headerError(error: unknown, field: string, maxPixels: number): HttpError {
  const message = sharpMessage(error);
  if (/pixel limit/i.test(message)) return tooLarge(field, maxPixels, 'the image');
  if (/unsupported image format/i.test(message)) {
    return new HttpError(415, 'unsupported_media_type', `${field}: not an image sharp can read (use PNG, JPEG or WebP)`, { path: [field] });
  }
  return new HttpError(422, 'invalid_image', `${field}: unreadable image header (${message})`, { path: [field] });
}
