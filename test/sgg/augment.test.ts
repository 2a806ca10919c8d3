/** Views and rasters: boxes move with the image, colours keep their names, views are reproducible. */
import { describe, expect, it } from 'vitest';
import { COLOR_NAMES, COLOR_RGB, Rng } from '../../graph/world/index.ts';
import { applyColor, augmentView, colorMatrix, DEFAULT_AUGMENT, drawTransform, transformBox, warp } from '../../models/sgg/data/augment.ts';
import { boxDownsample, type RgbImage, writeInputTensor } from '../../models/sgg/data/raster.ts';

const S = 128;

/** A black image with a white rectangle over normalized box b. */
function rectangle(b: [number, number, number, number]): RgbImage {
  const data = new Uint8Array(S * S * 3);
  for (let y = Math.round(b[1] * S); y < Math.round(b[3] * S); y++) {
    for (let x = Math.round(b[0] * S); x < Math.round(b[2] * S); x++) data.fill(255, (y * S + x) * 3, (y * S + x) * 3 + 3);
  }
  return { width: S, height: S, data };
}

/** Normalized bounding box of the pixels brighter than half. */
function brightBox(data: Float32Array): [number, number, number, number] {
  let [x1, y1, x2, y2] = [S, S, 0, 0];
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      if (data[(y * S + x) * 3]! > 0.5) {
        x1 = Math.min(x1, x);
        y1 = Math.min(y1, y);
        x2 = Math.max(x2, x + 1);
        y2 = Math.max(y2, y + 1);
      }
    }
  }
  return [x1 / S, y1 / S, x2 / S, y2 / S];
}

describe('geometric views', () => {
  it('move the image exactly as transformBox moves its boxes', () => {
    const box: [number, number, number, number] = [0.25, 0.3, 0.5, 0.6];
    const t = { scale: 1.08, dx: 0.03, dy: -0.02 };
    const moved = brightBox(warp(rectangle(box), t).data);
    const expected = transformBox(box, t);
    for (let i = 0; i < 4; i++) expect(Math.abs(moved[i]! - expected[i]!)).toBeLessThanOrEqual(1.01 / S);
  });

  it('keep every box inside the frame', () => {
    const boxes: [number, number, number, number][] = [[0.01, 0.02, 0.2, 0.2], [0.8, 0.75, 0.99, 0.98]];
    const rng = new Rng('frame');
    for (let i = 0; i < 200; i++) {
      const t = drawTransform(rng, boxes, { ...DEFAULT_AUGMENT, geometricProbability: 1 });
      for (const b of boxes) {
        const m = transformBox(b, t);
        expect(Math.min(...m)).toBeGreaterThanOrEqual(-1e-9);
        expect(Math.max(...m)).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
  });
});

describe('colour views', () => {
  it('are the identity at neutral settings', () => {
    const { m, offset } = colorMatrix(0, 1, 1, 0);
    const img = { width: 1, height: 1, data: Float32Array.of(0.2, 0.5, 0.9) };
    applyColor(img, m, offset);
    expect(Array.from(img.data).map((v) => Number(v.toFixed(4)))).toEqual([0.2, 0.5, 0.9]);
  });

  it('keep every world colour nearest to its own name at the extreme hue and saturation settings', () => {
    const names = COLOR_NAMES.filter((n) => n !== 'gray');
    for (const hue of [-DEFAULT_AUGMENT.hueDegrees, DEFAULT_AUGMENT.hueDegrees]) {
      for (const sat of DEFAULT_AUGMENT.saturation) {
        const { m, offset } = colorMatrix(hue, sat, 1, 0);
        for (const name of names) {
          const img = { width: 1, height: 1, data: Float32Array.from(COLOR_RGB[name], (v) => v / 255) };
          applyColor(img, m, offset);
          const hueOf = (r: number, g: number, b: number) => {
            const max = Math.max(r, g, b);
            const min = Math.min(r, g, b);
            const d = max - min;
            const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
            return (h * 60 + 360) % 360;
          };
          const [r, g, b] = Array.from(img.data);
          const got = hueOf(r!, g!, b!);
          const nearest = names
            .map((n) => ({ n, d: Math.abs(((hueOf(...(COLOR_RGB[n].map((v) => v / 255) as [number, number, number])) - got + 540) % 360) - 180) }))
            .sort((a, b2) => a.d - b2.d)[0]!.n;
          expect(nearest, `${name} at hue ${hue}, saturation ${sat}`).toBe(name);
        }
      }
    }
  });

  it('are reproducible from the seed', async () => {
    const src = rectangle([0.2, 0.2, 0.6, 0.5]);
    const a = await augmentView(src, new Rng('view', 1), [[0.2, 0.2, 0.6, 0.5]]);
    const b = await augmentView(src, new Rng('view', 1), [[0.2, 0.2, 0.6, 0.5]]);
    const c = await augmentView(src, new Rng('view', 2), [[0.2, 0.2, 0.6, 0.5]]);
    expect(a.transform).toEqual(b.transform);
    expect(Buffer.from(a.image.data.buffer).equals(Buffer.from(b.image.data.buffer))).toBe(true);
    expect(Buffer.from(a.image.data.buffer).equals(Buffer.from(c.image.data.buffer))).toBe(false);
  });
});

describe('rasters', () => {
  it('box-average blocks and normalize into CHW', () => {
    const src: RgbImage = { width: 2, height: 2, data: Uint8Array.of(0, 0, 0, 100, 0, 0, 200, 0, 0, 100, 0, 4) };
    const down = boxDownsample(src, 2);
    expect(Array.from(down.data)).toEqual([100, 0, 1]);
    const out = new Float32Array(3);
    writeInputTensor(down, { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] }, out);
    expect(out[0]).toBeCloseTo((100 / 255 - 0.5) / 0.25, 5);
    expect(out[1]).toBeCloseTo(-2, 5);
  });
});
