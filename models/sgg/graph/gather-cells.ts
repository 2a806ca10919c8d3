/**
 * Reading a feature map at chosen cells: the map [B, D, G, G] is viewed as rows [B G G, D] and indexed by
 * flat row numbers (b G^2 + y G + x), so one Gather serves any index shape and its gradient (a
 * scatter-add) reaches the map.
 */
import { ShapeError, ops, type Tensor } from '../../nn/index.ts';

/** Shapes: features [B, D, G, G] -> rows [B G^2, D]. */
export function featureRows(features: Tensor): Tensor {
  const [b, d, h, w] = features.shape;
  if (typeof b !== 'number' || typeof d !== 'number' || typeof h !== 'number' || typeof w !== 'number') {
    throw new ShapeError('sgg/graph/featureRows: the feature map needs a static shape');
  }
  return ops.reshape(ops.transpose(ops.reshape(features, [b, d, h * w]), [0, 2, 1]), [b * h * w, d]);
}

/** Shapes: rows [R, D], int64 index [...] -> [..., D]. */
export function gatherRows(rows: Tensor, index: Tensor): Tensor {
  return ops.gather(rows, index, 0);
}

/** The flat row of each batch item's cells: index + b G^2, for index [B, ...] (B static). */
export function withBatchOffset(cells: Tensor, cellsPerImage: number): Tensor {
  const b = cells.shape[0];
  if (typeof b !== 'number') throw new ShapeError('sgg/graph/withBatchOffset: the batch size must be static');
  if (b === 1) return cells;
  const offsets = BigInt64Array.from({ length: b }, (_, i) => BigInt(i * cellsPerImage));
  const shape = [b, ...cells.shape.slice(1).map(() => 1)];
  return ops.add(cells, cells.graph.constant(offsets, 'int64', shape));
}
