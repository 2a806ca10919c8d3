/** Boxes in image pixels (x, y = top-left corner, as in GQA) and their overlap. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function boxOf(object: Box): Box {
  return { x: object.x, y: object.y, w: object.w, h: object.h };
}

/** Intersection over union: |A ∩ B| / (|A| + |B| - |A ∩ B|), 0 when either box is empty. */
export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

export function boxCenter(box: Box): { x: number; y: number } {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
}
