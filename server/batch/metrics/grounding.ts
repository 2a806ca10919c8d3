/**
 * Grounding as eval.py computes it (`computeGroundingScore`): how much of the model's attention falls
 * on the regions the question and its full answer refer to.
 *
 * Boxes are image-relative `[x0, y0, x1, y1]` (0..1). Gold regions R are the scene-graph boxes of the
 * objects in `annotations.question` and in `annotations.fullAnswer` (a list: an object named in both
 * counts twice). Attention cells C are `(box c, weight w_c)` pairs. Then
 *
 *     grounding(q) = Σ_{r ∈ R} Σ_{c ∈ C} w_c · |c ∩ r| / |c|
 *
 * i.e. each cell's weight times the fraction of the *cell* covered by the region (not IoU). A question
 * without annotated regions scores 0 and still counts. The script also meant to add the whole image
 * (0, 0, 1, 1) for questions about the scene, but its test (`"scene" in step` on a step dict) looks at
 * the step's keys, never its text, so it never fires; we follow the script and add nothing.
 */

/** An image-relative box `[x0, y0, x1, y1]`. */
export type Box = readonly [number, number, number, number];

/** Length of the overlap of [a0, a1] and [b0, b1]; 0 unless it is strictly positive. */
export function overlapLength(a0: number, a1: number, b0: number, b1: number): number {
  const lo = Math.max(a0, b0);
  const hi = Math.min(a1, b1);
  return hi > lo ? hi - lo : 0;
}

/**
 * |cell ∩ region| / |cell|. A cell of zero area gives 0 (eval.py would divide by zero). Arguments are
 * flat coordinates so hot loops need no tuple allocation.
 */
export function intersectionRate(
  cx0: number, cy0: number, cx1: number, cy1: number,
  rx0: number, ry0: number, rx1: number, ry1: number,
): number {
  const area = (cx1 - cx0) * (cy1 - cy0);
  if (area === 0) return 0;
  return (overlapLength(cx0, cx1, rx0, rx1) * overlapLength(cy0, cy1, ry0, ry1)) / area;
}

/**
 * Σ_r Σ_c w_c·|c ∩ r|/|c| with regions packed as `[x0, y0, x1, y1]*` and cells as
 * `[x0, y0, x1, y1, weight]*` (regions outer, cells inner: the script's summation order).
 */
export function groundingScorePacked(regions: ArrayLike<number>, cells: ArrayLike<number>, cellCount = cells.length / 5): number {
  let score = 0;
  for (let r = 0; r + 3 < regions.length; r += 4) {
    const rx0 = regions[r]!, ry0 = regions[r + 1]!, rx1 = regions[r + 2]!, ry1 = regions[r + 3]!;
    for (let c = 0; c < cellCount * 5; c += 5) {
      score += cells[c + 4]! * intersectionRate(cells[c]!, cells[c + 1]!, cells[c + 2]!, cells[c + 3]!, rx0, ry0, rx1, ry1);
    }
  }
  return score;
}

/** The same score over tuples, for callers holding a handful of boxes. */
export function groundingScore(regions: readonly Box[], cells: readonly { box: Box; weight: number }[]): number {
  return groundingScorePacked(regions.flat(), cells.flatMap(({ box, weight }) => [...box, weight]));
}
