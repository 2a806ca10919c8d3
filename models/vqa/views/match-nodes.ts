/**
 * Node correspondence between two graphs of the same image (two views, or a view and the annotation):
 * boxes are brought to the image frame with each view's known transform, then matched greedily by IoU
 * (highest first, each node at most once, IoU >= threshold). Unmatched nodes are allowed (a missed or a
 * spurious detection). Greedy rather than Hungarian: with at most a few dozen boxes and IoU >= 0.5,
 * two boxes rarely compete for one partner, and greedy is exact whenever no box overlaps two others by
 * that much.
 */
import type { Box, SceneGraph } from '../../../graph/scene-graph.ts';
import { boxFromView, type ViewTransform } from './view-spec.ts';

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.w, b.x + b.w);
  const y2 = Math.min(a.y + a.h, b.y + b.h);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

/** Pairs [i, j] of indices into `a` and `b` (boxes in the same frame), greedy by IoU. */
export function matchBoxes(a: readonly Box[], b: readonly Box[], threshold = 0.5): [number, number][] {
  const candidates: [number, number, number][] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const overlap = iou(a[i] as Box, b[j] as Box);
      if (overlap >= threshold) candidates.push([overlap, i, j]);
    }
  }
  candidates.sort((p, q) => q[0] - p[0] || p[1] - q[1] || p[2] - q[2]);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [number, number][] = [];
  for (const [, i, j] of candidates) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    pairs.push([i, j]);
  }
  return pairs.sort((p, q) => p[0] - q[0]);
}

/** Node pairs [i, j] (positions in each graph's node order) of two graphs seen through transforms ta and tb. */
export function matchGraphNodes(a: SceneGraph, ta: ViewTransform, b: SceneGraph, tb: ViewTransform, threshold = 0.5): [number, number][] {
  const boxesA = a.mapNodes((_k, attrs) => boxFromView(attrs.box, ta));
  const boxesB = b.mapNodes((_k, attrs) => boxFromView(attrs.box, tb));
  return matchBoxes(boxesA, boxesB, threshold);
}
