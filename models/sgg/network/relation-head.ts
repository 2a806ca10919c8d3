/**
 * The pairwise relation head. For every ordered pair (subject i, object j):
 *   z_ij = [e_i, e_j, g_ij, m_ij, |m_ij - a_i|, |m_ij - a_j|]
 *     e: the object embeddings; g: the box geometry of the pair (graph/pair-geometry.ts);
 *     m_ij = relu(f(c_ij) W_m + b_m): the feature map read at the pair's look-up cell (the overlap of the
 *            two boxes, where occlusion shows which object is on top);
 *     a_i = relu(f(c_i) W_m + b_m): the same projection of the map at object i's own centre cell, so
 *            "the overlap looks like i" (i is in front) is a small difference, ready for the MLP
 *   rel_logits_ij = MLP(z_ij) over the R predicates (0 = no relation).
 * Depth ("in front of" / "behind") was at chance without the comparison terms: an MLP on [e_i, e_j, m]
 * alone has to discover the comparison itself.
 * Shapes: embeddings [B, N, E], centre cells [B, N] (flat rows), boxes [B, N, 4], valid [B, N],
 * feature rows [B G^2, D] -> [B, N, N, R].
 */
import type { Tensor } from '../../nn/index.ts';
import { Linear, Mlp, Module } from '../../nn/modules/index.ts';
import { abs, concat, expand, relu, sub, unsqueeze } from '../../nn/ops/index.ts';
import { gatherRows, withBatchOffset } from '../graph/gather-cells.ts';
import { PAIR_FEATURES, pairGeometry } from '../graph/pair-geometry.ts';

export class RelationHead extends Module {
  private readonly look: Linear;
  private readonly mlp: Mlp;

  constructor(name: string, featureDim: number, embedDim: number, hidden: number, predicateCount: number, private readonly grid: number) {
    super(name);
    this.look = this.child(new Linear(`${name}.look`, featureDim, embedDim));
    this.mlp = this.child(new Mlp(`${name}.mlp`, [2 * embedDim + PAIR_FEATURES + 3 * embedDim, hidden, hidden, predicateCount]));
  }

  forward(embeddings: Tensor, centreCells: Tensor, boxes: Tensor, valid: Tensor, featureRows: Tensor): Tensor {
    const [b, n, e] = embeddings.shape as [number, number, number];
    const geometry = pairGeometry(boxes, valid, this.grid);
    const looked = relu(this.look.forward(gatherRows(featureRows, withBatchOffset(geometry.cells, this.grid * this.grid))));
    const own = relu(this.look.forward(gatherRows(featureRows, centreCells))); // [B, N, E]
    const pair = (x: Tensor, axis: 1 | 2) => expand(unsqueeze(x, [axis]), [b, n, n, e]);
    const subject = pair(embeddings, 2);
    const object = pair(embeddings, 1);
    const likeSubject = abs(sub(looked, unsqueeze(own, [2])));
    const likeObject = abs(sub(looked, unsqueeze(own, [1])));
    return this.mlp.forward(concat([subject, object, geometry.features, looked, likeSubject, likeObject], 3));
  }
}
