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

/** Mottling lattice spacing: broad, uneven-lighting blotches (8 px cells measured 1.4x the PNG time and size). */
const MOTTLE_CELL = 32;

/**
 * Box blur of a float mask, radius r (window 2r + 1), as a horizontal pass into `scratch` and a vertical
 * pass back; pixels beyond the edges count as 0 (the window has a margin, so nothing is lost).
 */
function boxBlur(mask: Float32Array, scratch: Float32Array, width: number, height: number, r: number): void {
  const norm = 1 / (2 * r + 1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let x = 0; x < Math.min(r, width); x++) sum += mask[row + x]!;
    for (let x = 0; x < width; x++) {
      if (x + r < width) sum += mask[row + x + r]!;
      scratch[row + x] = sum * norm;
      if (x - r >= 0) sum -= mask[row + x - r]!;
    }
  }
  const column = new Float32Array(height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) column[y] = scratch[y * width + x]!;
    let sum = 0;
    for (let y = 0; y < Math.min(r, height); y++) sum += column[y]!;
    for (let y = 0; y < height; y++) {
      if (y + r < height) sum += column[y + r]!;
      mask[y * width + x] = sum * norm;
      if (y - r >= 0) sum -= column[y - r]!;
    }
  }
}

/**
 * Shadow coverage in [0, 1] at half resolution (a soft shadow has no detail to lose, and this quarters
 * the cost of rasterizing and blurring it): `mask[(y >> 1) * w + (x >> 1)]`, interpolated when applied.
 */
interface ShadowMask {
  mask: Float32Array;
  w: number;
  h: number;
}

const SHADOW_SCALE = 2;

function shadowMask(scene: WorldScene): ShadowMask | undefined {
  const { width, height, background } = scene;
  const { dx, dy, blur, opacity } = background.shadow;
  if (opacity <= 0 || scene.objects.length === 0) return undefined;
  const w = Math.ceil(width / SHADOW_SCALE);
  const h = Math.ceil(height / SHADOW_SCALE);
  const mask = new Float32Array(w * h);
  const shift = (polygon: readonly number[]): number[] =>
    polygon.map((v, i) => (v + (i % 2 === 0 ? dx : dy)) / SHADOW_SCALE);
  for (const object of scene.objects) {
    const polygons = object.inner ? [shift(object.outline), shift(object.inner)] : [shift(object.outline)];
    scanPolygons(polygons, Math.max(w, h), (y, a, b) => {
      if (y < h && a < w) mask.fill(1, y * w + a, y * w + Math.min(b, w));
    });
  }
  const radius = Math.max(1, Math.round(blur / SHADOW_SCALE));
  const scratch = new Float32Array(w * h);
  // Two box passes approximate a Gaussian well enough for a soft edge.
  boxBlur(mask, scratch, w, h, radius);
  boxBlur(mask, scratch, w, h, radius);
  return { mask, w, h };
}

/**
 * Fills `row` with 1 - strength * shadow at image row y, bilinear from the half-resolution mask: with a
 * factor of 2 and centre-aligned samples, full-resolution column 2k is 3/4 of half-column k plus 1/4 of
 * k - 1, and column 2k + 1 is 3/4 of k plus 1/4 of k + 1 (edges clamped). Returns false when the row has
 * no shadow at all (the caller then skips the multiplications).
 */
function shadowRow(shadow: ShadowMask, y: number, strength: number, half: Float32Array, row: Float32Array): boolean {
  const { mask, w, h } = shadow;
  const sy = Math.min(h - 1, Math.max(0, (y + 0.5) / SHADOW_SCALE - 0.5));
  const top = Math.floor(sy) * w;
  const bottom = Math.min(h - 1, Math.floor(sy) + 1) * w;
  const fy = sy - Math.floor(sy);
  let any = false;
  for (let k = 0; k < w; k++) {
    const v = mask[top + k]! + (mask[bottom + k]! - mask[top + k]!) * fy;
    half[k] = v;
    if (v > 0) any = true;
  }
  if (!any) return false;
  for (let k = 0; k < w; k++) {
    const here = half[k]!;
    const left = half[k > 0 ? k - 1 : 0]!;
    const right = half[k + 1 < w ? k + 1 : w - 1]!;
    row[2 * k] = 1 - strength * (0.75 * here + 0.25 * left);
    if (2 * k + 1 < row.length) row[2 * k + 1] = 1 - strength * (0.75 * here + 0.25 * right);
  }
  return true;
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

  const gridR = grid?.color[0] ?? 0;
  const gridG = grid?.color[1] ?? 0;
  const gridB = grid?.color[2] ?? 0;
  // Per row: the shadow factor of every column.
  const darkRow = new Float32Array(width);
  const halfRow = new Float32Array(shadow ? shadow.w : 0);
  const dt = ux / span;
  const dr = (tr - fr) * dt;
  const dg = (tg - fg) * dt;
  const db = (tb - fb) * dt;
  for (let y = 0; y < height; y++) {
    const gy = y / MOTTLE_CELL;
    const iy = Math.floor(gy);
    const fy = gy - iy;
    for (let c = 0; c < cellsX; c++) mottleRow[c] = lattice[iy * cellsX + c]! * (1 - fy) + lattice[(iy + 1) * cellsX + c]! * fy;
    const rowOnGrid = grid !== undefined && onGrid(y, grid.offsetY, grid.spacing, grid.width);
    const shaded = shadow !== undefined && shadowRow(shadow, y, strength, halfRow, darkRow);
    if (!shaded) darkRow.fill(1);
    const t0 = ((0.5 - width / 2) * ux + (y + 0.5 - height / 2) * uy) / span + 0.5;
    let r = fr + (tr - fr) * t0;
    let g = fg + (tg - fg) * t0;
    let b = fb + (tb - fb) * t0;
    let p = y * width * 3;
    for (let x = 0; x < width; x++, p += 3, r += dr, g += dg, b += db) {
      const ix = columnCell[x]!;
      const fx = columnFrac[x]!;
      const n = mottleRow[ix]! + (mottleRow[ix + 1]! - mottleRow[ix]!) * fx;
      const dark = darkRow[x]!;
      if (rowOnGrid || gridColumn[x] === 1) {
        out[p] = (gridR + n) * dark;
        out[p + 1] = (gridG + n) * dark;
        out[p + 2] = (gridB + n) * dark;
      } else {
        out[p] = (r + n) * dark;
        out[p + 1] = (g + n) * dark;
        out[p + 2] = (b + n) * dark;
      }
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
