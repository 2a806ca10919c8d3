/** The header reader agrees with sharp on every PNG / JPEG / WebP variant and declines everything else. */
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../server/http/images/image-header.ts';
import { samplePng } from './helpers.ts';

const base = (width: number, height: number, channels: 3 | 4 = 3): Sharp =>
  sharp({ create: { width, height, channels, background: { r: 200, g: 30, b: 90, alpha: 0.5 } } });

describe('readImageHeader', () => {
  const cases: [string, () => Promise<Buffer>][] = [
    ['PNG', () => base(257, 131).png().toBuffer()],
    ['PNG with alpha, interlaced', () => base(64, 300, 4).png({ progressive: true }).toBuffer()],
    ['baseline JPEG', () => base(321, 123).jpeg().toBuffer()],
    ['progressive JPEG', () => base(123, 321).jpeg({ progressive: true }).toBuffer()],
    ['JPEG with EXIF', () => base(90, 45).withMetadata({ orientation: 6 }).jpeg().toBuffer()],
    ['lossy WebP', () => base(301, 77).webp().toBuffer()],
    ['lossless WebP', () => base(77, 301).webp({ lossless: true }).toBuffer()],
    ['WebP with alpha (VP8X)', () => base(129, 65, 4).webp({ alphaQuality: 50 }).toBuffer()],
    ['a world sample', async () => samplePng()],
  ];

  it.each(cases)('%s: the same format and size as sharp', async (_label, make) => {
    const bytes = await make();
    const meta = await sharp(bytes).metadata();
    expect(readImageHeader(bytes)).toEqual({ format: meta.format, width: meta.width, height: meta.height });
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['text', Buffer.from('hello, world: not an image at all')],
    ['a PNG signature alone', samplePng().subarray(0, 10)],
    ['a JPEG cut before its frame header', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46])],
    ['a RIFF that is not WebP', Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt \u0010\u0000\u0000\u0000\u0001\u0000\u0001\u0000\u0044\u00ac\u0000\u0000')],
  ])('declines %s', (_label, bytes) => {
    expect(readImageHeader(bytes)).toBeUndefined();
  });

  it('declines GIF (not an accepted format) so that sharp names it', async () => {
    expect(readImageHeader(await base(10, 10).gif().toBuffer())).toBeUndefined();
  });
});
