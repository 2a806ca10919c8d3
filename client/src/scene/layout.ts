/**
 * Node positions for the graph drawing: each object sits at its box centre, so the graph reads like the
 * image, with y flipped (sigma's y axis points up). Objects that overlap in the image would hide each
 * other's nodes, so nodes closer than `minGap` (a share of the image size) are pushed apart along the
 * line joining them, a few relaxation sweeps, deterministically.
 */
import { boxCenter, type Box } from './box.ts';

export interface Point {
  x: number;
  y: number;
}

export interface LayoutOptions {
  /** Smallest distance between two nodes, as a share of max(width, height). Default 0.16 (room for a label beside a node). */
  minGap?: number;
  /** Relaxation sweeps. Default 40. */
  sweeps?: number;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export function layoutFromBoxes(boxes: readonly Box[], size: { width: number; height: number }, options: LayoutOptions = {}): Point[] {
  const gap = (options.minGap ?? 0.16) * Math.max(size.width, size.height);
  const sweeps = options.sweeps ?? 40;
  const n = boxes.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  boxes.forEach((box, i) => {
    const c = boxCenter(box);
    xs[i] = c.x;
    ys[i] = -c.y;
  });
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = xs[j]! - xs[i]!;
        let dy = ys[j]! - ys[i]!;
        let d = Math.hypot(dx, dy);
        if (d >= gap) continue;
        if (d < 1e-6) {
          // Same centre: separate along a direction fixed by the pair, never at random.
          const angle = GOLDEN_ANGLE * (i * n + j);
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          d = 1;
        } else {
          dx /= d;
          dy /= d;
        }
        const push = (gap - d) / 2;
        xs[i] = xs[i]! - dx * push;
        ys[i] = ys[i]! - dy * push;
        xs[j] = xs[j]! + dx * push;
        ys[j] = ys[j]! + dy * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return Array.from({ length: n }, (_, i) => ({ x: xs[i]!, y: ys[i]! }));
}

/** A rectangle of the graph plane (y up, as the layout's points). */
export interface Frame {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

export interface FrameOptions {
  /** Room around the outermost nodes for their labels, as a share of max(width, height). Default 0.12. */
  pad?: number;
  /** Smallest extent on each axis, as a share of max(width, height), so a scene of two objects is not blown up. Default 0.6. */
  minExtent?: number;
}

/**
 * What the graph view frames: the nodes' extent plus room for labels (not the whole image), so objects
 * bunched in one part of the image are drawn large enough to tell apart. Positions keep their
 * proportions (the view scales both axes alike), so the graph still reads like the image.
 */
export function graphFrame(points: readonly Point[], size: { width: number; height: number }, options: FrameOptions = {}): Frame {
  const scale = Math.max(size.width, size.height);
  const pad = (options.pad ?? 0.12) * scale;
  const minExtent = (options.minExtent ?? 0.6) * scale;
  if (points.length === 0) return { minX: 0, maxX: size.width, minY: -size.height, maxY: 0 };
  const axis = (values: number[]): [number, number] => {
    let lo = Math.min(...values) - pad;
    let hi = Math.max(...values) + pad;
    if (hi - lo < minExtent) {
      const middle = (lo + hi) / 2;
      lo = middle - minExtent / 2;
      hi = middle + minExtent / 2;
    }
    return [lo, hi];
  };
  const [minX, maxX] = axis(points.map((p) => p.x));
  const [minY, maxY] = axis(points.map((p) => p.y));
  return { minX, maxX, minY, maxY };
}
