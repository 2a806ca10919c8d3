/**
 * Box geometry features of a node, from its pixel box (x, y = top-left, w, h) and the image size W×H:
 *
 *   x1 = x / W,  y1 = y / H,  x2 = (x + w) / W,  y2 = (y + h) / H,
 *   w' = w / W,  h' = h / H,  area = w'·h',  cx = (x1 + x2) / 2,  cy = (y1 + y2) / 2.
 *
 * Boxes reaching outside the image are not clamped, so values may leave [0, 1] slightly.
 */
import type { Box } from '../scene-graph.ts';

/** Column names of the box feature rows, in order. F = BOX_FEATURES.length = 9. */
export const BOX_FEATURES = ['x1', 'y1', 'x2', 'y2', 'w', 'h', 'area', 'cx', 'cy'] as const;
export const BOX_FEATURE_COUNT = BOX_FEATURES.length;

/** Writes the 9 features of `box` into `out[offset .. offset + 9)`. */
export function writeBoxFeatures(out: Float32Array, offset: number, box: Box, width: number, height: number): void {
  const x1 = box.x / width;
  const y1 = box.y / height;
  const w = box.w / width;
  const h = box.h / height;
  out[offset] = x1;
  out[offset + 1] = y1;
  out[offset + 2] = x1 + w;
  out[offset + 3] = y1 + h;
  out[offset + 4] = w;
  out[offset + 5] = h;
  out[offset + 6] = w * h;
  out[offset + 7] = x1 + w / 2;
  out[offset + 8] = y1 + h / 2;
}
