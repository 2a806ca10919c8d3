/**
 * Pixel coverage of a scene, computed without rendering: each object's painted region (its polygon, or
 * for a hollow object the ring between its outline and the inset inner edge) is scan-converted at pixel
 * centres, even-odd, in drawing order. From that come the numbers the sampler controls and the relation
 * rules read: painted area, visible area (pixels where it is on top), pairwise overlap, and containment
 * in a hollow object's interior. Bitmasks per pixel, so at most 16 objects.
 *
 * The canvas is incremental: `probe` says what adding one more object would do, reading only that
 * object's pixels, and `commit` adds it. The sampler probes many candidate placements per object, so
 * this keeps a scene's sampling proportional to the area of what is drawn, not to the image.
 */
import type { Polygon } from './shape-geometry.ts';

/** The region an object paints: `outer` filled, minus `inner` when hollow. */
export interface PaintedRegion {
  outer: Polygon;
  /** Inner edge of a hollow outline; the pixels inside it are the object's interior, not painted. */
  inner?: Polygon;
}

export interface SceneCoverage {
  count: number;
  /** Painted pixels of each object. */
  area: Int32Array;
  /** Pixels where each object is the top-most painted one. */
  visible: Int32Array;
  /** overlap[i * count + j]: pixels painted by both i and j (symmetric). */
  overlap: Int32Array;
  /** inside[i * count + c] = 1 when every painted pixel of i lies in hollow object c's interior. */
  inside: Uint8Array;
}

export const MAX_COVERAGE_OBJECTS = 16;

const xsScratch = new Float64Array(256);

/** Calls `span(y, x0, x1)` for every row span [x0, x1) of pixel centres inside the polygons (even-odd). */
export function scanPolygons(polygons: readonly Polygon[], size: number, span: (y: number, x0: number, x1: number) => void): void {
  // Edge table: for each non-horizontal edge, its y range (top inclusive, bottom exclusive) and x at top.
  let edgeCount = 0;
  for (const polygon of polygons) edgeCount += polygon.length / 2;
  const top = new Float64Array(edgeCount);
  const bottom = new Float64Array(edgeCount);
  const xAtTop = new Float64Array(edgeCount);
  const slope = new Float64Array(edgeCount);
  let e = 0;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const polygon of polygons) {
    const n = polygon.length / 2;
    for (let i = 0; i < n; i++) {
      const j = i + 1 === n ? 0 : i + 1;
      const x0 = polygon[2 * i]!, y0 = polygon[2 * i + 1]!;
      const x1 = polygon[2 * j]!, y1 = polygon[2 * j + 1]!;
      if (y0 === y1) continue;
      const down = y0 < y1;
      top[e] = down ? y0 : y1;
      bottom[e] = down ? y1 : y0;
      xAtTop[e] = down ? x0 : x1;
      slope[e] = (x1 - x0) / (y1 - y0);
      if (top[e]! < minY) minY = top[e]!;
      if (bottom[e]! > maxY) maxY = bottom[e]!;
      e++;
    }
  }
  const rowStart = Math.max(0, Math.ceil(minY - 0.5));
  const rowEnd = Math.min(size - 1, Math.floor(maxY - 0.5));
  const xs = edgeCount <= xsScratch.length ? xsScratch : new Float64Array(edgeCount);
  for (let row = rowStart; row <= rowEnd; row++) {
    const cy = row + 0.5;
    let k = 0;
    for (let i = 0; i < e; i++) {
      // Half-open [top, bottom) so a vertex exactly on the scanline is counted once.
      if (cy < top[i]! || cy >= bottom[i]!) continue;
      const x = xAtTop[i]! + (cy - top[i]!) * slope[i]!;
      let m = k++;
      while (m > 0 && xs[m - 1]! > x) {
        xs[m] = xs[m - 1]!;
        m--;
      }
      xs[m] = x;
    }
    for (let q = 0; q + 1 < k; q += 2) {
      // Pixel column c is inside when its centre c + 0.5 lies in [xa, xb).
      const c0 = Math.max(0, Math.ceil(xs[q]! - 0.5));
      const c1 = Math.min(size, Math.ceil(xs[q + 1]! - 0.5));
      if (c1 > c0) span(row, c0, c1);
    }
  }
}

/** What adding one region to a canvas would do. Arrays are indexed by the existing objects. */
export interface CoverageProbe {
  /** Painted pixels of the new region. */
  area: number;
  /** Pixels shared with each existing object. */
  overlap: Int32Array;
  /** Visible pixels each existing object would lose. */
  hidden: Int32Array;
  /** The new region would lie inside existing hollow object c's interior. */
  insideOf: Uint8Array;
  /** Existing object j would lie inside the new (hollow) region's interior. */
  contains: Uint8Array;
}

export class CoverageCanvas {
  readonly size: number;
  private readonly painted: Uint16Array;
  private readonly interior: Uint16Array;
  private readonly top: Int8Array;
  private readonly areas: number[] = [];
  private readonly visibles: number[] = [];
  private readonly overlaps = new Int32Array(MAX_COVERAGE_OBJECTS * MAX_COVERAGE_OBJECTS);
  private readonly insides = new Uint8Array(MAX_COVERAGE_OBJECTS * MAX_COVERAGE_OBJECTS);

  constructor(size: number) {
    this.size = size;
    this.painted = new Uint16Array(size * size);
    this.interior = new Uint16Array(size * size);
    this.top = new Int8Array(size * size).fill(-1);
  }

  get count(): number {
    return this.areas.length;
  }

  area(i: number): number {
    return this.areas[i] ?? 0;
  }

  visible(i: number): number {
    return this.visibles[i] ?? 0;
  }

  overlap(i: number, j: number): number {
    return this.overlaps[i * MAX_COVERAGE_OBJECTS + j] ?? 0;
  }

  /** Object i lies in hollow object c's interior. */
  inside(i: number, c: number): boolean {
    return this.insides[i * MAX_COVERAGE_OBJECTS + c] === 1;
  }

  probe(region: PaintedRegion): CoverageProbe {
    const n = this.count;
    const { painted, interior, top, size } = this;
    const overlap = new Int32Array(n);
    const hidden = new Int32Array(n);
    let area = 0;
    let insideAll = 0xffff;
    const polygons = region.inner ? [region.outer, region.inner] : [region.outer];
    scanPolygons(polygons, size, (y, a, b) => {
      const row = y * size;
      for (let p = row + a; p < row + b; p++) {
        area++;
        insideAll &= interior[p]!;
        const t = top[p]!;
        if (t < 0) continue;
        hidden[t]! += 1;
        let others = painted[p]!;
        while (others !== 0) {
          const j = 31 - Math.clz32(others);
          others &= ~(1 << j);
          overlap[j]! += 1;
        }
      }
    });
    const insideOf = new Uint8Array(n);
    if (area > 0) for (let c = 0; c < n; c++) if ((insideAll & (1 << c)) !== 0) insideOf[c] = 1;
    const contains = new Uint8Array(n);
    if (region.inner && n > 0) {
      const within = new Int32Array(n);
      scanPolygons([region.inner], size, (y, a, b) => {
        const row = y * size;
        for (let p = row + a; p < row + b; p++) {
          let bits = painted[p]!;
          while (bits !== 0) {
            const j = 31 - Math.clz32(bits);
            bits &= ~(1 << j);
            within[j]! += 1;
          }
        }
      });
      for (let j = 0; j < n; j++) if (within[j]! > 0 && within[j] === this.areas[j]) contains[j] = 1;
    }
    return { area, overlap, hidden, insideOf, contains };
  }

  /** Adds `region` on top; `probe` must be this canvas's probe of the same region, if given. */
  commit(region: PaintedRegion, probe: CoverageProbe = this.probe(region)): number {
    const index = this.count;
    if (index >= MAX_COVERAGE_OBJECTS) {
      throw new RangeError(`world/coverage: at most ${MAX_COVERAGE_OBJECTS} objects`);
    }
    const { painted, interior, top, size } = this;
    const bit = 1 << index;
    const polygons = region.inner ? [region.outer, region.inner] : [region.outer];
    scanPolygons(polygons, size, (y, a, b) => {
      const row = y * size;
      for (let p = row + a; p < row + b; p++) {
        painted[p]! |= bit;
        top[p] = index;
      }
    });
    if (region.inner) {
      scanPolygons([region.inner], size, (y, a, b) => {
        const row = y * size;
        for (let p = row + a; p < row + b; p++) interior[p]! |= bit;
      });
    }
    const m = MAX_COVERAGE_OBJECTS;
    for (let j = 0; j < index; j++) {
      this.visibles[j]! -= probe.hidden[j]!;
      this.overlaps[index * m + j] = probe.overlap[j]!;
      this.overlaps[j * m + index] = probe.overlap[j]!;
      if (probe.insideOf[j] === 1) this.insides[index * m + j] = 1;
      if (probe.contains[j] === 1) this.insides[j * m + index] = 1;
    }
    this.areas.push(probe.area);
    this.visibles.push(probe.area);
    return index;
  }
}

/** Coverage of `regions` (in drawing order: later ones are on top) on a `size` x `size` image. */
export function computeCoverage(regions: readonly PaintedRegion[], size: number): SceneCoverage {
  const count = regions.length;
  if (count > MAX_COVERAGE_OBJECTS) {
    throw new RangeError(`world/coverage: at most ${MAX_COVERAGE_OBJECTS} objects, got ${count}`);
  }
  const canvas = new CoverageCanvas(size);
  for (const region of regions) canvas.commit(region);
  const area = new Int32Array(count);
  const visible = new Int32Array(count);
  const overlap = new Int32Array(count * count);
  const inside = new Uint8Array(count * count);
  for (let i = 0; i < count; i++) {
    area[i] = canvas.area(i);
    visible[i] = canvas.visible(i);
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      overlap[i * count + j] = canvas.overlap(i, j);
      inside[i * count + j] = canvas.inside(i, j) ? 1 : 0;
    }
  }
  return { count, area, visible, overlap, inside };
}
