/**
 * The pairwise relation head. For every ordered pair (subject i, object j):
 *   z_ij = [e_i, e_j, g_ij, m_ij]
 *     e: the object embeddings; g: the box geometry of the pair (graph/pair-geometry.ts);
 *     m = relu(f(c_ij) W_m + b_m): the feature map read at the pair's look-up cell (the overlap, where
 *         occlusion shows which object is in front)
 *   rel_logits_ij = MLP(z_ij) over the R predicates (0 = no relation).
 * Shapes: embeddings [B, N, E], boxes [B, N, 4], valid [B, N], feature rows [B G^2, D] -> [B, N, N, R].
 */
import type { Tensor } from '../../nn/index.ts';
import { Linear, Mlp, Module } from '../../nn/modules/index.ts';
import { concat, expand, relu, unsqueeze } from '../../nn/ops/index.ts';
import { gatherRows, withBatchOffset } from '../graph/gather-cells.ts';
import { PAIR_FEATURES, pairGeometry } from '../graph/pair-geometry.ts';

export class RelationHead extends Module {
  private readonly look: Linear;
  private readonly mlp: Mlp;

  constructor(name: string, featureDim: number, embedDim: number, hidden: number, predicateCount: number, private readonly grid: number) {
    super(name);
    this.look = this.child(new Linear(`${name}.look`, featureDim, embedDim));
    this.mlp = this.child(new Mlp(`${name}.mlp`, [2 * embedDim + PAIR_FEATURES + embedDim, hidden, hidden, predicateCount]));
  }

  forward(embeddings: Tensor, boxes: Tensor, valid: Tensor, featureRows: Tensor): Tensor {
    const [b, n, e] = embeddings.shape as [number, number, number];
    const geometry = pairGeometry(boxes, valid, this.grid);
    const lookRows = gatherRows(featureRows, withBatchOffset(geometry.cells, this.grid * this.grid));
    const looked = relu(this.look.forward(lookRows));
    const subject = expand(unsqueeze(embeddings, [2]), [b, n, n, e]);
    const object = expand(unsqueeze(embeddings, [1]), [b, n, n, e]);
    return this.mlp.forward(concat([subject, object, geometry.features, looked], 3));
  }
}
