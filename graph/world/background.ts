/**
 * The background raster of a world scene (RGB, 8 bits, row-major): a linear gradient between two colours,
 * grid lines for `grid`, low-frequency mottling, sparse speckle, and the objects' soft shadows (their
 * painted regions shifted by the light offset, box-blurred twice, darkening by `opacity`). Computed in
 * TypeScript rather than in the SVG: librsvg spends longer on a full-image gradient or a Gaussian blur
 * than on all the objects together (measured), and these are a few passes over 65k pixels here.
 * Pure function of the scene: the noise comes from the scene's own `noiseSeed`.
 */
import { scanPolygons } from './coverage.ts';
import { Rng } from './prng.ts';
import type { WorldScene } from './world-scene.ts';

const MOTTLE_CELL = 8;

/** Box blur of a float mask along rows then columns, radius r (window 2r + 1), edges clamped. */
function boxBlur(mask: Float32Array, scratch: Float32Array, width: number, height: number, r: number): void {
  const norm = 1 / (2 * r + 1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += mask[row + Math.min(width - 1, Math.max(0, k))]!;
    for (let x = 0; x < width; x++) {
      scratch[row + x] = sum * norm;
      sum += mask[row + Math.min(width - 1, x + r + 1)]! - mask[row + Math.max(0, x - r)]!;
    }
  }
  for (let x = 0; x < width; x++) {
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += scratch[Math.min(height - 1, Math.max(0, k)) * width + x]!;
    for (let y = 0; y < height; y++) {
      mask[y * width + x] = sum * norm;
      sum += scratch[Math.min(height - 1, y + r + 1) * width + x]! - scratch[Math.max(0, y - r) * width + x]!;
    }
  }
}

/** Shadow coverage in [0, 1] over the window that can be dark (shadows plus blur margin), if any. */
interface ShadowMask {
  mask: Float32Array;
  x0: number;
  y0: number;
  w: number;
  h: number;
}

function shadowMask(scene: WorldScene): ShadowMask | undefined {
  const { width, height, background } = scene;
  const { dx, dy, blur, opacity } = background.shadow;
  if (opacity <= 0 || scene.objects.length === 0) return undefined;
  const margin = 2 * blur + 1;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { box } of scene.objects) {
    minX = Math.min(minX, box.x + dx);
    minY = Math.min(minY, box.y + dy);
    maxX = Math.max(maxX, box.x + box.w + dx);
    maxY = Math.max(maxY, box.y + box.h + dy);
  }
  const x0 = Math.max(0, Math.floor(minX) - margin);
  const y0 = Math.max(0, Math.floor(minY) - margin);
  const x1 = Math.min(width, Math.ceil(maxX) + margin);
  const y1 = Math.min(height, Math.ceil(maxY) + margin);
  if (x1 <= x0 || y1 <= y0) return undefined;
  const w = x1 - x0;
  const h = y1 - y0;
  const mask = new Float32Array(w * h);
  // Shift into window coordinates; spans outside the window are clipped.
  const shift = (polygon: readonly number[]): number[] => polygon.map((v, i) => v + (i % 2 === 0 ? dx - x0 : dy - y0));
  for (const object of scene.objects) {
    const polygons = object.inner ? [shift(object.outline), shift(object.inner)] : [shift(object.outline)];
    scanPolygons(polygons, Math.max(w, h), (y, a, b) => {
      if (y < h && a < w) mask.fill(1, y * w + a, y * w + Math.min(b, w));
    });
  }
  if (blur > 0) {
    const scratch = new Float32Array(w * h);
    boxBlur(mask, scratch, w, h, blur);
    boxBlur(mask, scratch, w, h, blur);
  }
  return { mask, x0, y0, w, h };
}

export function renderBackground(scene: WorldScene): Uint8ClampedArray {
  const { width, height, background } = scene;
  // Clamped array: stores round-half-even of the value clamped to 0..255, exactly what we want.
  const out = new Uint8ClampedArray(width * height * 3);
  const rng = new Rng('background-noise', background.noiseSeed);

  // Mottling: bilinear interpolation of random values on a coarse lattice.
  const cellsX = Math.ceil(width / MOTTLE_CELL) + 2;
  const cellsY = Math.ceil(height / MOTTLE_CELL) + 2;
  const lattice = new Float32Array(cellsX * cellsY);
  for (let i = 0; i < lattice.length; i++) lattice[i] = (rng.next() * 2 - 1) * background.mottle;
  const columnCell = new Int32Array(width);
  const columnFrac = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    columnCell[x] = Math.floor(x / MOTTLE_CELL);
    columnFrac[x] = x / MOTTLE_CELL - Math.floor(x / MOTTLE_CELL);
  }
  const mottleRow = new Float32Array(cellsX);

  // Linear gradient: t = projection on the direction, scaled so the image spans exactly [0, 1].
  const a = (background.angle * Math.PI) / 180;
  const ux = Math.cos(a);
  const uy = Math.sin(a);
  const span = Math.abs(ux) * width + Math.abs(uy) * height;
  const [fr, fg, fb] = background.from;
  const [tr, tg, tb] = background.to;
  const grid = background.grid;
  const gridColumn = new Uint8Array(width);
  const onGrid = (v: number, offset: number, spacing: number, lineWidth: number): boolean =>
    ((((v - offset) % spacing) + spacing) % spacing) < lineWidth;
  if (grid) for (let x = 0; x < width; x++) gridColumn[x] = onGrid(x, grid.offsetX, grid.spacing, grid.width) ? 1 : 0;
  const shadow = shadowMask(scene);
  const strength = background.shadow.opacity;

  for (let y = 0; y < height; y++) {
    const gy = y / MOTTLE_CELL;
    const iy = Math.floor(gy);
    const fy = gy - iy;
    for (let c = 0; c < cellsX; c++) mottleRow[c] = lattice[iy * cellsX + c]! * (1 - fy) + lattice[(iy + 1) * cellsX + c]! * fy;
    const rowOnGrid = grid !== undefined && onGrid(y, grid.offsetY, grid.spacing, grid.width);
    const inShadowRows = shadow !== undefined && y >= shadow.y0 && y < shadow.y0 + shadow.h;
    const t0 = ((0.5 - width / 2) * ux + (y + 0.5 - height / 2) * uy) / span + 0.5;
    const dt = ux / span;
    for (let x = 0; x < width; x++) {
      const t = t0 + dt * x;
      let r = fr + (tr - fr) * t;
      let g = fg + (tg - fg) * t;
      let b = fb + (tb - fb) * t;
      if (grid !== undefined && (rowOnGrid || gridColumn[x] === 1)) [r, g, b] = grid.color;
      const ix = columnCell[x]!;
      const fx = columnFrac[x]!;
      const n = mottleRow[ix]! * (1 - fx) + mottleRow[ix + 1]! * fx;
      let dark = 1;
      if (inShadowRows && x >= shadow.x0 && x < shadow.x0 + shadow.w) dark = 1 - strength * shadow.mask[(y - shadow.y0) * shadow.w + x - shadow.x0]!;
      const p = (y * width + x) * 3;
      out[p] = (r + n) * dark;
      out[p + 1] = (g + n) * dark;
      out[p + 2] = (b + n) * dark;
    }
  }

  // Speckle: a sparse set of pixels nudged up or down (sensor-like noise that PNG still compresses).
  const speckles = Math.round(background.speckleFraction * width * height);
  for (let s = 0; s < speckles; s++) {
    const p = Math.floor(rng.next() * width * height) * 3;
    const delta = Math.round((rng.next() * 2 - 1) * background.speckleAmplitude);
    out[p] = out[p]! + delta;
    out[p + 1] = out[p + 1]! + delta;
    out[p + 2] = out[p + 2]! + delta;
  }
  return out;
}
