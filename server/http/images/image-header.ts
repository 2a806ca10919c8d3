/**
 * Format and size of a PNG, JPEG or WebP file from its first bytes, in microseconds (sharp's
 * `metadata()` costs 0.3-1 ms a call). Returns undefined for anything it does not fully recognise, and
 * the caller then asks sharp; a wrong answer here is impossible to exploit further, because the model
 * decodes the file with sharp (and its own pixel limit) anyway.
 *
 * - PNG: 8-byte signature, then the IHDR chunk: width and height as big-endian u32 at offsets 16, 20.
 * - WebP: `RIFF....WEBP`, then `VP8 ` (lossy: 14-bit sizes at offset 26, 28), `VP8L` (lossless: 14-bit
 *   width-1 and height-1 packed after the 0x2f signature at offset 21) or `VP8X` (24-bit width-1 and
 *   height-1 at offsets 24 and 27).
 * - JPEG: SOI (FF D8), then marker segments up to the first SOFn (C0-CF except C4, C8, CC), whose
 *   payload holds height and width as big-endian u16 at offsets 3 and 5.
 */
import type { ImageFormat } from './decode-image.ts';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function png(bytes: Buffer): ImageHeader | undefined {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return undefined;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function webp(bytes: Buffer): ImageHeader | undefined {
  if (bytes.length < 30 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') return undefined;
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    return { format: 'webp', width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return undefined;
    const bits = bytes.readUInt32LE(21);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { format: 'webp', width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
  return undefined;
}

function jpeg(bytes: Buffer): ImageHeader | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) return undefined;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { format: 'jpeg', width: bytes.readUInt16BE(offset + 7), height: bytes.readUInt16BE(offset + 5) };
    }
    offset += 2 + length;
  }
  return undefined;
}

export function readImageHeader(bytes: Buffer): ImageHeader | undefined {
  const header = png(bytes) ?? webp(bytes) ?? jpeg(bytes);
  return header && header.width > 0 && header.height > 0 ? header : undefined;
}
