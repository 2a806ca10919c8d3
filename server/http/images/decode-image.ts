/**
 * Untrusted image bytes, checked before any model sees them:
 * - `inspectImage` reads the header only (image-header.ts, or sharp's `metadata()` for what that does
 *   not recognise): empty data is 422 `invalid_image`; anything but PNG / JPEG / WebP (text, SVG, GIF,
 *   PDF, ...) is 415 `unsupported_media_type`; more than `maxPixels` pixels is 413 `image_too_large`,
 *   refused before any decoding, so a decompression bomb costs nothing;
 * - `verifyImageDecodes` decodes fully, because only a full decode finds truncated or corrupt data
 *   (sharp's `metadata()` succeeds on truncated files): 422 `invalid_image`. The scene-graph generator
 *   decodes the image itself (and reports the same problems), so this runs only when no generator does.
 * sharp works on libuv's thread pool, so neither blocks the event loop.
 */
import sharp, { type Metadata } from 'sharp';
import { HttpError } from '../errors/http-error.ts';
import { readImageHeader } from './image-header.ts';

export const IMAGE_FORMATS = ['png', 'jpeg', 'webp'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** An image whose header has been checked: an accepted format within the pixel limit. */
export interface CheckedImage {
  bytes: Buffer;
  format: ImageFormat;
  width: number;
  height: number;
}

function isImageFormat(format: string | undefined): format is ImageFormat {
  return (IMAGE_FORMATS as readonly string[]).includes(format ?? '');
}

function sharpMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

export function imageTooLarge(field: string, maxPixels: number, size = 'the image'): HttpError {
  return new HttpError(413, 'image_too_large', `${field}: ${size} exceeds the limit of ${maxPixels} pixels`, { path: [field] });
}

export function notAnImage(field: string, format?: string): HttpError {
  const what = format ? `${format} images are not accepted` : 'not an image sharp can read';
  return new HttpError(415, 'unsupported_media_type', `${field}: ${what} (use PNG, JPEG or WebP)`, { path: [field] });
}

export function invalidImage(field: string, detail: string): HttpError {
  return new HttpError(422, 'invalid_image', `${field}: ${detail}`, { path: [field] });
}

export async function inspectImage(bytes: Buffer, maxPixels: number, field = 'image'): Promise<CheckedImage> {
  if (bytes.length === 0) throw invalidImage(field, 'the file is empty');
  const header = readImageHeader(bytes);
  if (header) {
    if (header.width * header.height > maxPixels) throw imageTooLarge(field, maxPixels, `${header.width}x${header.height}`);
    return { bytes, ...header };
  }
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: maxPixels }).metadata();
  } catch (error) {
    const message = sharpMessage(error);
    if (/pixel limit/i.test(message)) throw imageTooLarge(field, maxPixels);
    if (/unsupported image format/i.test(message)) throw notAnImage(field);
    throw invalidImage(field, `unreadable image header (${message})`);
  }
  const { format, width, height } = meta;
  if (!isImageFormat(format)) throw notAnImage(field, format);
  if (width * height > maxPixels) throw imageTooLarge(field, maxPixels, `${width}x${height}`);
  return { bytes, format, width, height };
}

/** Decodes the whole image and drops the pixels: a validity check for when no model decodes it. */
export async function verifyImageDecodes(image: CheckedImage, maxPixels: number, field = 'image'): Promise<void> {
  try {
    await sharp(image.bytes, { limitInputPixels: maxPixels, failOn: 'truncated' }).raw().toBuffer();
  } catch (error) {
    throw invalidImage(field, `the ${image.format.toUpperCase()} data is truncated or corrupt (${sharpMessage(error)})`);
  }
}
