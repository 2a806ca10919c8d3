/**
 * Shape outlines as polygons (flat `[x0, y0, x1, y1, ...]` arrays, image pixels, y down). Every outline
 * is centred so that its bounding box is centred on the requested point, and vertices are rounded to
 * 1/100 px so that the SVG the renderer writes and the boxes computed here see the very same numbers.
 * Circles are drawn as `<circle>` but carry a 64-gon here for coverage computations (error < 0.002 r).
 */
import type { Box } from '../scene-graph.ts';
import type { Shape } from './vocabulary.ts';

export type Polygon = readonly number[];

const CIRCLE_SEGMENTS = 64;

/** Extents (in units of the radius r = diameter / 2) chosen so every shape's bounding box is about d. */
function unitOutline(shape: Shape): number[] {
  const points: number[] = [];
  const regular = (count: number, radius: number, startDeg: number): void => {
    for (let i = 0; i < count; i++) {
      const a = ((startDeg + (360 * i) / count) * Math.PI) / 180;
      points.push(radius * Math.cos(a), radius * Math.sin(a));
    }
  };
  switch (shape) {
    case 'circle':
      regular(CIRCLE_SEGMENTS, 1, 0);
      break;
    case 'square':
      points.push(-0.86, -0.86, 0.86, -0.86, 0.86, 0.86, -0.86, 0.86);
      break;
    case 'triangle':
      regular(3, 1.08, -90);
      break;
    case 'star':
      for (let i = 0; i < 10; i++) {
        const radius = i % 2 === 0 ? 1.05 : 1.05 * 0.42;
        const a = ((-90 + 36 * i) * Math.PI) / 180;
        points.push(radius * Math.cos(a), radius * Math.sin(a));
      }
      break;
    case 'hexagon':
      regular(6, 0.98, 0);
      break;
    case 'diamond':
      // Taller than wide, so it never looks like a turned square.
      points.push(0, -1, 0.72, 0, 0, 1, -0.72, 0);
      break;
  }
  return points;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * The outline of `shape` with bounding extent about `diameter`, turned by `rotationDeg` (clockwise on
 * screen) and placed so that its bounding box is centred on (cx, cy).
 */
export function shapeOutline(shape: Shape, diameter: number, rotationDeg: number, cx: number, cy: number): Polygon {
  const r = diameter / 2;
  const unit = unitOutline(shape);
  const a = shape === 'circle' ? 0 : (rotationDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const turned: number[] = new Array<number>(unit.length);
  for (let i = 0; i < unit.length; i += 2) {
    const x = (unit[i] ?? 0) * r;
    const y = (unit[i + 1] ?? 0) * r;
    turned[i] = x * cos - y * sin;
    turned[i + 1] = x * sin + y * cos;
  }
  const b = polygonBounds(turned);
  const ox = cx - (b.minX + b.maxX) / 2;
  const oy = cy - (b.minY + b.maxY) / 2;
  return turned.map((v, i) => round2(v + (i % 2 === 0 ? ox : oy)));
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function polygonBounds(points: Polygon): Bounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i] ?? 0;
    const y = points[i + 1] ?? 0;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

/**
 * The tight integer pixel box of a region with real-valued bounds: the pixels any part of the shape
 * touches, x = floor(minX), w = ceil(maxX) - x (GQA boxes are integers, x/y = top-left).
 */
export function pixelBox(bounds: Bounds): Box {
  const x = Math.floor(bounds.minX);
  const y = Math.floor(bounds.minY);
  return { x, y, w: Math.ceil(bounds.maxX) - x, h: Math.ceil(bounds.maxY) - y };
}

/** Signed area (shoelace); positive for clockwise-on-screen (y down) vertex order. */
export function signedArea(points: Polygon): number {
  let sum = 0;
  const n = points.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    sum += (points[2 * i] ?? 0) * (points[2 * j + 1] ?? 0) - (points[2 * j] ?? 0) * (points[2 * i + 1] ?? 0);
  }
  return sum / 2;
}

/**
 * The polygon moved inwards by `distance`: each edge shifted along its inward normal, each vertex the
 * meeting point of its two shifted edges (exact for convex polygons; right for the star's reflex
 * vertices too while `distance` is small against its edges). Used for the inner edge of hollow outlines,
 * so the outline's outer edge stays exactly on the shape and the ground-truth box stays exact.
 */
export function insetPolygon(points: Polygon, distance: number): Polygon {
  const n = points.length / 2;
  // Screen coordinates (y down): for clockwise order the inward normal of edge (dx, dy) is (-dy, dx).
  const orientation = signedArea(points) > 0 ? 1 : -1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = (i + n - 1) % n;
    const q = (i + 1) % n;
    const x0 = points[2 * p] ?? 0, y0 = points[2 * p + 1] ?? 0;
    const x1 = points[2 * i] ?? 0, y1 = points[2 * i + 1] ?? 0;
    const x2 = points[2 * q] ?? 0, y2 = points[2 * q + 1] ?? 0;
    const n1 = inwardNormal(x1 - x0, y1 - y0, orientation);
    const n2 = inwardNormal(x2 - x1, y2 - y1, orientation);
    // Vertex offset = distance * (n1 + n2) / (1 + n1·n2): the meeting point of both shifted edges.
    const denom = 1 + n1[0] * n2[0] + n1[1] * n2[1];
    const k = denom > 1e-6 ? distance / denom : distance;
    out.push(round2(x1 + k * (n1[0] + n2[0])), round2(y1 + k * (n1[1] + n2[1])));
  }
  return out;
}

function inwardNormal(dx: number, dy: number, orientation: number): [number, number] {
  const length = Math.hypot(dx, dy) || 1;
  return [(-dy / length) * orientation, (dx / length) * orientation];
}
