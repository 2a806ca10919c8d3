/** Views: deterministic augmentation specs, exact box transforms, greedy IoU matching, and the rendered image. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { augmentImage } from '../../models/vqa/views/augment-image.ts';
import { iou, matchBoxes, matchGraphNodes } from '../../models/vqa/views/match-nodes.ts';
import { DEFAULT_VIEW_RANGES, IDENTITY_VIEW, boxFromView, boxToView, sampleViewSpec } from '../../models/vqa/views/view-spec.ts';
import { threeObjects } from './fixtures.ts';

describe('view specs', () => {
  it('are a pure function of (seed, image, view) and stay within the ranges', () => {
    expect(sampleViewSpec(1, 'img', 0, 256, 256)).toEqual(IDENTITY_VIEW);
    expect(sampleViewSpec(1, 'img', 3, 256, 256)).toEqual(sampleViewSpec(1, 'img', 3, 256, 256));
    expect(sampleViewSpec(1, 'img', 3, 256, 256)).not.toEqual(sampleViewSpec(1, 'img', 4, 256, 256));
    for (let v = 1; v < 50; v++) {
      const s = sampleViewSpec(7, `i${v}`, v, 256, 256);
      expect(Math.abs(s.scale - 1)).toBeLessThanOrEqual(DEFAULT_VIEW_RANGES.scale);
      expect(Math.abs(s.hue)).toBeLessThanOrEqual(DEFAULT_VIEW_RANGES.hue);
      // the centre moves by at most the translation range (plus rounding)
      expect(Math.abs(s.dx - ((1 - s.scale) * 256) / 2)).toBeLessThanOrEqual(DEFAULT_VIEW_RANGES.translate * 256 + 1);
    }
  });

  it('map boxes to the view and back exactly', () => {
    const t = { scale: 1.08, dx: -7, dy: 4 };
    const box = { x: 10, y: 20, w: 30, h: 40 };
    const back = boxFromView(boxToView(box, t), t);
    for (const k of ['x', 'y', 'w', 'h'] as const) expect(back[k]).toBeCloseTo(box[k], 10);
  });
});

describe('node matching', () => {
  it('matches by IoU greedily, leaves poor overlaps unmatched, and works across view transforms', () => {
    const a = [{ x: 0, y: 0, w: 10, h: 10 }, { x: 20, y: 0, w: 10, h: 10 }, { x: 50, y: 50, w: 5, h: 5 }];
    const b = [{ x: 21, y: 1, w: 10, h: 10 }, { x: 0, y: 0, w: 10, h: 9 }, { x: 80, y: 80, w: 5, h: 5 }];
    expect(matchBoxes(a, b)).toEqual([[0, 1], [1, 0]]);
    expect(iou(a[0]!, a[0]!)).toBe(1);
    expect(iou(a[0]!, a[2]!)).toBe(0);
    const g = threeObjects();
    const t = { scale: 0.9, dx: 5, dy: -3 };
    const moved = threeObjects();
    moved.forEachNode((key, attrs) => moved.setNodeAttribute(key, 'box', boxToView(attrs.box, t)));
    expect(matchGraphNodes(g, IDENTITY_VIEW, moved, t)).toEqual([[0, 0], [1, 1], [2, 2]]);
    // without the transform the small boxes no longer line up
    expect(matchGraphNodes(g, IDENTITY_VIEW, moved, IDENTITY_VIEW).length).toBeLessThan(3);
  });
});

describe('augmentImage', () => {
  /** A white square on the left half and a black one on the right half of a grey 64 x 64 image. */
  async function twoSquares(): Promise<Buffer> {
    const pixels = Buffer.alloc(64 * 64 * 3, 128);
    for (let y = 24; y < 40; y++) {
      for (let x = 0; x < 64; x++) {
        const v = x >= 8 && x < 24 ? 255 : x >= 40 && x < 56 ? 0 : 128;
        pixels.fill(v, (y * 64 + x) * 3, (y * 64 + x) * 3 + 3);
      }
    }
    return sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer();
  }

  it('keeps the size, is deterministic, moves content as the transform says, and never flips', async () => {
    const png = await twoSquares();
    for (let v = 1; v <= 4; v++) {
      const spec = sampleViewSpec(3, 'squares', v, 64, 64);
      const out = await augmentImage(png, spec, v);
      expect(out).toEqual(await augmentImage(png, spec, v));
      const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height, info.channels]).toEqual([64, 64, 3]);
      const lum = (x: number, y: number) => data[(Math.round(y) * 64 + Math.round(x)) * 3]! + data[(Math.round(y) * 64 + Math.round(x)) * 3 + 1]!;
      const white = boxToView({ x: 16, y: 32, w: 0, h: 0 }, spec);
      const black = boxToView({ x: 48, y: 32, w: 0, h: 0 }, spec);
      expect(lum(white.x, white.y)).toBeGreaterThan(lum(black.x, black.y) + 200);
    }
  });
});
