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

/** Axis range [from, to) of the last axis. */
function last(x: Tensor, from: number, to: number): Tensor {
  return slice(x, [from], [to], [-1]);
}

function asFloat(b: Tensor, like: Tensor): Tensor {
  return cast(b, like.dtype);
}

export interface PairGeometry {
  readonly features: Tensor;
  readonly cells: Tensor;
}

/**
 * Written on (x, y) pairs so that each quantity is one op over both axes: the graph stays small, which
 * matters at inference, where every op costs a few microseconds whatever its size.
 */
export function pairGeometry(boxes: Tensor, valid: Tensor, grid: number): PairGeometry {
  const lo = last(boxes, 0, 2); // [B, N, 2] x1, y1
  const hi = last(boxes, 2, 4); // x2, y2
  const centre = mul(add(lo, hi), 0.5);
  const size = max(sub(hi, lo), 1e-3);
  const rows = (x: Tensor) => unsqueeze(x, [2]); // subject i: [B, N, 1, 2]
  const cols = (x: Tensor) => unsqueeze(x, [1]); // object j:  [B, 1, N, 2]

  const d = sub(rows(centre), cols(centre)); // [B, N, N, 2] dx, dy
  const ad = abs(d);
  const axis = sub(last(ad, 0, 1), last(ad, 1, 2)); // |dx| - |dy|
  const dist2 = reduceSum(mul(d, d), [3], true);
  const interLo = max(rows(lo), cols(lo));
  const interHi = min(rows(hi), cols(hi));
  const interSize = max(sub(interHi, interLo), 0);
  const inter = mul(last(interSize, 0, 1), last(interSize, 1, 2));
  const area = mul(last(size, 0, 1), last(size, 1, 2)); // [B, N, 1]

  const t = CONTAIN_TOLERANCE;
  // inside(i, j): all four sides of i within j's (with tolerance).
  const sides = concat([asFloat(greaterOrEqual(rows(lo), sub(cols(lo), t)), boxes), asFloat(lessOrEqual(rows(hi), add(cols(hi), t)), boxes)], 3);
  const containIJ = asFloat(equal(reduceSum(sides, [3], true), 4), boxes); // [B, N, N, 1]
  const containJI = transpose(containIJ, [0, 2, 1, 3]);
  const n = boxes.shape[1] as number;
  const eye = boxes.graph.constant(Float32Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 1 : 0)), boxes.dtype, [1, n, n]);
  // linked(i, j): one box contains the other; such a pair is never a neighbour pair (the world's inside rule).
  const linked = max(max(squeeze(containIJ, [3]), squeeze(containJI, [3])), eye);
  const candidate = mul(sub(1, linked), unsqueeze(valid, [1])); // [B, i, k]
  const dist = squeeze(dist2, [3]);
  // closer[b, i, j, k] = dist[b, i, k] < dist[b, i, j]
  const closer = asFloat(less(unsqueeze(dist, [2]), unsqueeze(dist, [3])), boxes);
  const rank = reduceSum(mul(closer, unsqueeze(candidate, [2])), [3], true); // [B, N, N, 1]
  const ranks = boxes.graph.constant(Float32Array.of(0, 1, 2), boxes.dtype, [3]);

  const s = SHARPNESS;
  const features = concat([
    mul(d, 4), mul(ad, 4), mul(axis, 8),
    tanh(mul(d, s)), tanh(mul(axis, s)),
    mul(sqrt(add(dist2, 1e-6)), 4),
    sub(log(rows(size)), log(cols(size))),
    div(inter, unsqueeze(area, [2])), div(inter, unsqueeze(area, [1])),
    containIJ, containJI,
    asFloat(equal(rank, ranks), boxes), asFloat(greaterOrEqual(rank, 3), boxes),
  ], 3);

  // Look-up cell: intersection centre for overlapping boxes, else the midpoint of the centres.
  const overlaps = and(greater(last(interSize, 0, 1), 0), greater(last(interSize, 1, 2), 0));
  const point = where(overlaps, mul(add(interLo, interHi), 0.5), mul(add(rows(centre), cols(centre)), 0.5));
  return { features, cells: cellIndex(point, grid) };
}

/** The grid cell (y G + x, int64) of normalized points [..., 2] (x, y); points outside are clamped in. Shapes: [..., 2] -> [...]. */
export function cellIndex(point: Tensor, grid: number): Tensor {
  const xy = cast(min(max(mul(point, grid), 0), grid - 1e-3), 'int64');
  const x = squeeze(last(xy, 0, 1), [-1]);
  const y = squeeze(last(xy, 1, 2), [-1]);
  return add(mul(y, point.graph.scalar(grid, 'int64')), x);
}
