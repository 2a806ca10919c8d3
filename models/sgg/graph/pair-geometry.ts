/**
 * Box geometry of every ordered pair (subject i, object j), computed inside the graph so that training
 * (ground-truth boxes) and inference (predicted boxes) share one definition. The shapes world stores
 * relations by rules over box centres (dominant axis of the centre offset, the 3 nearest neighbours,
 * overlap, containment), so the features expose exactly those quantities, sharpened where a rule has a
 * threshold:
 *
 *   d = c_i - c_j (centres), |dx|, |dy|, a = |dx| - |dy|, |d|   offsets, magnitudes, dominant axis, distance
 *   tanh(64 dx), tanh(64 dy), tanh(64 a)           the signs the direction rule reads (64 = 1 / 4 px at 256)
 *   log(w_i / w_j), log(h_i / h_j)                 relative size
 *   I / A_i, I / A_j                               box intersection over each box's area
 *   in(i, j), in(j, i)                             box containment (tolerance `CONTAIN_TOLERANCE`)
 *   [r = 0], [r = 1], [r = 2], [r >= 3]            r = rank of j among i's neighbours: the number of valid
 *                                                  k != i, not linked to i by containment, closer to i than j
 *
 * Validity (a detection above the score gate, or a real object in training) only enters the rank.
 * The pair's look-up cell is the centre of the boxes' intersection when they overlap, else the midpoint of
 * the two centres: where occlusion (which one is in front) is visible.
 *
 * Shapes: boxes [B, N, 4] (x1, y1, x2, y2 in 0..1), valid [B, N] (1 / 0) ->
 *   features [B, N, N, PAIR_FEATURES], cells [B, N, N] int64 (y G + x on a G x G grid).
 */
import { ops, type Tensor } from '../../nn/index.ts';

export const PAIR_FEATURES = 19;
/** Two pixels of a 256 image: boxes predicted within that still count as contained. */
export const CONTAIN_TOLERANCE = 2 / 256;
const SHARPNESS = 64;

const {
  abs, add, and, cast, concat, div, equal, greater, greaterOrEqual, less, lessOrEqual, log, max, min, mul, reduceSum, slice, sqrt, squeeze, sub, tanh,
  transpose, unsqueeze, where,
} = ops;

/** Component c of boxes [B, N, 4] as [B, N]. */
function part(boxes: Tensor, c: number): Tensor {
  return squeeze(slice(boxes, [c], [c + 1], [2]), [2]);
}

/** [B, N] -> rows [B, N, 1] (subject i) and columns [B, 1, N] (object j). */
function rowsCols(x: Tensor): [Tensor, Tensor] {
  return [unsqueeze(x, [2]), unsqueeze(x, [1])];
}

function asFloat(b: Tensor, like: Tensor): Tensor {
  return cast(b, like.dtype);
}

export interface PairGeometry {
  readonly features: Tensor;
  readonly cells: Tensor;
}

export function pairGeometry(boxes: Tensor, valid: Tensor, grid: number): PairGeometry {
  const [x1, y1, x2, y2] = [0, 1, 2, 3].map((c) => part(boxes, c)) as [Tensor, Tensor, Tensor, Tensor];
  const cx = mul(add(x1, x2), 0.5);
  const cy = mul(add(y1, y2), 0.5);
  const w = max(sub(x2, x1), 1e-3);
  const h = max(sub(y2, y1), 1e-3);
  const [cxi, cxj] = rowsCols(cx);
  const [cyi, cyj] = rowsCols(cy);
  const dx = sub(cxi, cxj);
  const dy = sub(cyi, cyj);
  const adx = abs(dx);
  const ady = abs(dy);
  const axis = sub(adx, ady);
  const dist2 = add(mul(dx, dx), mul(dy, dy));

  const [x1i, x1j] = rowsCols(x1);
  const [y1i, y1j] = rowsCols(y1);
  const [x2i, x2j] = rowsCols(x2);
  const [y2i, y2j] = rowsCols(y2);
  const [wi, wj] = rowsCols(w);
  const [hi, hj] = rowsCols(h);
  const ix = max(sub(min(x2i, x2j), max(x1i, x1j)), 0);
  const iy = max(sub(min(y2i, y2j), max(y1i, y1j)), 0);
  const inter = mul(ix, iy);

  const t = CONTAIN_TOLERANCE;
  const insideIJ = and(
    and(greaterOrEqual(x1i, sub(x1j, t)), greaterOrEqual(y1i, sub(y1j, t))),
    and(lessOrEqual(x2i, add(x2j, t)), lessOrEqual(y2i, add(y2j, t))),
  );
  const containIJ = asFloat(insideIJ, boxes);
  const containJI = transpose(containIJ, [0, 2, 1]);
  const n = boxes.shape[1] as number;
  const eye = boxes.graph.constant(Float32Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 1 : 0)), boxes.dtype, [1, n, n]);
  // linked(i, j): one box contains the other; such a pair is never a neighbour pair (the world's inside rule).
  const linked = max(max(containIJ, containJI), eye);
  const [, validJ] = rowsCols(valid);
  const candidate = mul(sub(1, linked), validJ); // [B, i, k]
  // closer[b, i, j, k] = dist2[b, i, k] < dist2[b, i, j]
  const closer = asFloat(less(unsqueeze(dist2, [2]), unsqueeze(dist2, [3])), boxes);
  const rank = reduceSum(mul(closer, unsqueeze(candidate, [2])), [3]);
  const rankIs = (r: number) => asFloat(equal(rank, r), boxes);

  const s = SHARPNESS;
  const features = [
    mul(dx, 4), mul(dy, 4), mul(adx, 4), mul(ady, 4), mul(axis, 8),
    tanh(mul(dx, s)), tanh(mul(dy, s)), tanh(mul(axis, s)),
    mul(sqrt(add(dist2, 1e-6)), 4),
    sub(log(wi), log(wj)), sub(log(hi), log(hj)),
    div(inter, mul(wi, hi)), div(inter, mul(wj, hj)),
    containIJ, containJI,
    rankIs(0), rankIs(1), rankIs(2), asFloat(greaterOrEqual(rank, 3), boxes),
  ];
  const stacked = concat(features.map((f) => unsqueeze(f, [3])), 3);

  // Look-up cell: intersection centre for overlapping boxes, else the midpoint of the centres.
  const overlaps = and(greater(ix, 0), greater(iy, 0));
  const mx = where(overlaps, mul(add(max(x1i, x1j), min(x2i, x2j)), 0.5), mul(add(cxi, cxj), 0.5));
  const my = where(overlaps, mul(add(max(y1i, y1j), min(y2i, y2j)), 0.5), mul(add(cyi, cyj), 0.5));
  return { features: stacked, cells: cellIndex(mx, my, grid) };
}

/** The grid cell (y G + x, int64) holding normalized points (x, y); points outside are clamped in. */
export function cellIndex(x: Tensor, y: Tensor, grid: number): Tensor {
  const toCell = (v: Tensor) => cast(min(max(mul(v, grid), 0), grid - 1e-3), 'int64');
  return add(mul(toCell(y), x.graph.scalar(grid, 'int64')), toCell(x));
}
