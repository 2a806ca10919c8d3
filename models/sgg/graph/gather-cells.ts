/**
 * Reading a feature map at chosen cells: the map [B, D, G, G] is viewed as rows [B G G, D] and indexed by
 * flat row numbers (b G^2 + y G + x), so one Gather serves any index shape and its gradient (a
 * scatter-add) reaches the map.
 */
import { ShapeError, ops, type Tensor } from '../../nn/index.ts';

const { add, div, gather, max, min, mod, mul, reshape, transpose, unsqueeze } = ops;

/** Shapes: features [B, D, G, G] -> rows [B G^2, D]. */
export function featureRows(features: Tensor): Tensor {
  const [b, d, h, w] = features.shape;
  if (typeof b !== 'number' || typeof d !== 'number' || typeof h !== 'number' || typeof w !== 'number') {
    throw new ShapeError('sgg/graph/featureRows: the feature map needs a static shape');
  }
  return reshape(transpose(reshape(features, [b, d, h * w]), [0, 2, 1]), [b * h * w, d]);
}

/** Shapes: rows [R, D], int64 index [...] -> [..., D]. */
export function gatherRows(rows: Tensor, index: Tensor): Tensor {
  return gather(rows, index, 0);
}

/** The flat row of each batch item's cells: index + b G^2, for index [B, ...] (B static). */
export function withBatchOffset(cells: Tensor, cellsPerImage: number): Tensor {
  const b = cells.shape[0];
  if (typeof b !== 'number') throw new ShapeError('sgg/graph/withBatchOffset: the batch size must be static');
  if (b === 1) return cells;
  const offsets = BigInt64Array.from({ length: b }, (_, i) => BigInt(i * cellsPerImage));
  const shape = [b, ...cells.shape.slice(1).map(() => 1)];
  return add(cells, cells.graph.constant(offsets, 'int64', shape));
}

/**
 * The 3 x 3 cells at distance `spacing` around each cell (the cell itself first), clamped to the grid:
 * an object's descriptor reads its centre and eight points towards its outline. Shapes: flat rows
 * [...] (int64, b G^2 + y G + x) -> [..., 9].
 */
export const RING_OFFSETS: readonly (readonly [number, number])[] = [[0, 0], [-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]];

export function ringCells(cells: Tensor, grid: number, spacing: number): Tensor {
  const g = cells.graph;
  const int = (v: number) => g.scalar(v, 'int64');
  const perImage = grid * grid;
  const image = div(cells, int(perImage));
  const local = mod(cells, int(perImage));
  const y = unsqueeze(div(local, int(grid)), [-1]);
  const x = unsqueeze(mod(local, int(grid)), [-1]);
  const offsets = (k: 0 | 1) => g.constant(BigInt64Array.from(RING_OFFSETS, (o) => BigInt(o[k] * spacing)), 'int64', [RING_OFFSETS.length]);
  const clamp = (v: Tensor) => min(max(v, int(0)), int(grid - 1));
  const xs = clamp(add(x, offsets(0)));
  const ys = clamp(add(y, offsets(1)));
  return add(mul(unsqueeze(image, [-1]), int(perImage)), add(mul(ys, int(grid)), xs));
}

/** Rows read at ring cells, flattened: [..., 9 D]. */
export function gatherRing(rows: Tensor, cells: Tensor, grid: number, spacing: number): Tensor {
  const ring = gatherRows(rows, ringCells(cells, grid, spacing));
  const d = rows.shape[1] as number;
  return reshape(ring, [...(cells.shape as number[]), RING_OFFSETS.length * d]);
}
