import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Rng, renderScenePng, renderSceneRgb, renderScenesRgb, sampleWorldScene, worldObject, type WorldScene } from '../../graph/world/index.ts';
import { MATERIALS, SHAPES } from '../../graph/world/vocabulary.ts';

/** A plain background (no gradient, noise or shadow) so every changed pixel belongs to the object. */
function plainScene(objects: WorldScene['objects']): WorldScene {
  return {
    imageId: 'plain', width: 256, height: 256,
    background: {
      name: 'light', from: [255, 255, 255], to: [255, 255, 255], angle: 0, mottle: 0, speckleFraction: 0,
      speckleAmplitude: 0, noiseSeed: 1, shadow: { dx: 0, dy: 0, blur: 0, opacity: 0 },
    },
    objects,
  };
}

/** Bounding box of the pixels that differ from white by more than `threshold` in some channel. */
async function inkBox(png: Buffer, threshold: number): Promise<{ x: number; y: number; w: number; h: number }> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const p = (y * info.width + x) * info.channels;
      if (255 - Math.min(data[p]!, data[p + 1]!, data[p + 2]!) > threshold) {
        minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      }
    }
  }
  return { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 };
}

describe('world renderer', () => {
  it('draws each shape and material exactly within its ground-truth box', async () => {
    for (const shape of SHAPES) {
      for (const material of MATERIALS) {
        const object = worldObject({ id: 'o', shape, color: 'blue', size: 'large', material, cx: 120.3, cy: 131.7, rotation: 7 });
        const ink = await inkBox(await renderScenePng(plainScene([object])), 24);
        // Antialiased edge pixels may fall under the threshold: the ink box lies inside the ground truth and
        // misses at most one pixel on any side.
        const box = object.box;
        expect(ink.x).toBeGreaterThanOrEqual(box.x);
        expect(ink.y).toBeGreaterThanOrEqual(box.y);
        expect(ink.x + ink.w).toBeLessThanOrEqual(box.x + box.w);
        expect(ink.y + ink.h).toBeLessThanOrEqual(box.y + box.h);
        expect(ink.x - box.x).toBeLessThanOrEqual(1);
        expect(ink.y - box.y).toBeLessThanOrEqual(1);
        expect(box.x + box.w - (ink.x + ink.w)).toBeLessThanOrEqual(1);
        expect(box.y + box.h - (ink.y + ink.h)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('renders 256x256 RGB PNGs, byte-identical for the same scene', async () => {
    const scene = sampleWorldScene(new Rng(3, 'render', 0), 'render-0');
    const a = await renderScenePng(scene);
    const b = await renderScenePng(sampleWorldScene(new Rng(3, 'render', 0), 'render-0'));
    expect(Buffer.compare(a, b)).toBe(0);
    const meta = await sharp(a).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 256, 256, 3]);
    const other = await renderScenePng(sampleWorldScene(new Rng(3, 'render', 1), 'render-1'));
    expect(Buffer.compare(a, other)).not.toBe(0);
  });

  it('draws the jittered colour in solid fills', async () => {
    const object = worldObject({ id: 'o', shape: 'square', color: 'purple', size: 'large', material: 'solid', cx: 128, cy: 128, rgb: [150, 50, 180] });
    const { data } = await sharp(await renderScenePng(plainScene([object]))).raw().toBuffer({ resolveWithObject: true });
    const p = (128 * 256 + 128) * 3;
    expect([data[p], data[p + 1], data[p + 2]]).toEqual([150, 50, 180]);
  });

  it('renders a batch with one librsvg call to the same pixels as one scene at a time, up to pattern antialiasing', async () => {
    const scenes = Array.from({ length: 8 }, (_, i) => sampleWorldScene(new Rng(2024, 'sample', i + 8, 'scene'), `batch-${i}`));
    const batch = await renderScenesRgb(scenes);
    for (let i = 0; i < scenes.length; i++) {
      const single = await renderSceneRgb(scenes[i]!);
      let differing = 0;
      let worst = 0;
      for (let k = 0; k < single.length; k++) {
        const d = Math.abs(single[k]! - batch[i]![k]!);
        if (d > 0) differing++;
        worst = Math.max(worst, d);
      }
      // librsvg places pattern tiles of a far-right tile with slightly different rounding: a few stripe
      // edge pixels move by a few levels, nothing else.
      expect(worst).toBeLessThanOrEqual(24);
      expect(differing).toBeLessThan(single.length * 0.005);
    }
  });
});
