/**
 * One round of instruction-conditioned graph attention with edge features, written so that no matrix
 * product runs over the edges (they outnumber nodes about 8:1; every per-edge product is elementwise):
 *
 *   x_i      = h_i ⊙ (c W_c)_g(i)                     instruction gate per graph (x = h without one)
 *   s_ij,k   = LeakyReLU( (x_j A_src)_k + (x_i A_dst)_k + f_ij · U_k(c) )    U(c) = reshape(c W_u, [F, H])
 *   α_ij,k   = softmax of s_·j over the incoming edges of i, per head k
 *   m_ij     = (x_j W_v + f_ij W_f) split into H heads, head k scaled by α_ij,k
 *   h'_i     = LN(h_i + Dropout(GELU((Σ_j m_ij) W_o)))
 * f_ij are the raw edge features (predicate distributions, [E, F], F = 2R + 3 is small), so f W_f and
 * f · U are cheap; the instruction enters the attention bilinearly (through x and U(c)), which a concat
 * of [h, c] cannot do: an additive per-graph term cancels inside each node's softmax.
 * Arguments: hidden D, heads H (D divisible by H), edge feature width F, conditioned (instruction or not).
 * Shapes: h [N, D], c [B, D] or null, f [E, F], src/dst/nodeGraph/edgeGraph int64 -> h' [N, D],
 * attention [E, H] (each node's incoming weights sum to 1 per head).
 */
import { type Parameter, functional, modules, ops, type Tensor } from '../../nn/index.ts';

const { add, gather, matmul, mul, reduceSum, reshape, unsqueeze } = ops;

export interface AttentionGraph {
  readonly edgeFeats: Tensor;
  readonly edgeSrc: Tensor;
  readonly edgeDst: Tensor;
  readonly nodeGraph: Tensor;
  readonly edgeGraph: Tensor;
}

export class InstructedGraphAttention extends modules.Module {
  private readonly gate: modules.Linear | null;
  private readonly edgeScore: modules.Linear | null;
  private readonly edgeScoreStatic: Parameter | null;
  private readonly attSrc: Parameter;
  private readonly attDst: Parameter;
  private readonly value: modules.Linear;
  private readonly edgeValue: modules.Linear;
  private readonly out: modules.Linear;
  private readonly norm: modules.LayerNorm;

  constructor(name: string, readonly hidden: number, readonly heads: number, readonly edgeWidth: number, conditioned: boolean, private readonly dropout = 0) {
    super(name);
    const bound = Math.sqrt(6 / (hidden + heads));
    const att = (n: string) => this.param(n, [hidden, heads], { init: { kind: 'uniform', low: -bound, high: bound } });
    this.gate = conditioned ? this.child(new modules.Linear(`${name}.gate`, hidden, hidden)) : null;
    this.edgeScore = conditioned ? this.child(new modules.Linear(`${name}.edge_score`, hidden, edgeWidth * heads)) : null;
    this.edgeScoreStatic = conditioned ? null : this.param('edge_score', [edgeWidth, heads], { init: { kind: 'uniform', low: -1, high: 1 } });
    this.attSrc = att('att_src');
    this.attDst = att('att_dst');
    this.value = this.child(new modules.Linear(`${name}.value`, hidden, hidden, { bias: false }));
    this.edgeValue = this.child(new modules.Linear(`${name}.edge_value`, edgeWidth, hidden));
    this.out = this.child(new modules.Linear(`${name}.out`, hidden, hidden));
    this.norm = this.child(new modules.LayerNorm(`${name}.norm`, hidden));
  }

  forward(h: Tensor, instruction: Tensor | null, g: AttentionGraph): { nodes: Tensor; attention: Tensor } {
    const H = this.heads;
    const d = this.hidden / H;
    const x = this.gate && instruction ? mul(h, gather(this.gate.forward(instruction), g.nodeGraph, 0)) : h;
    let edgeTerm: Tensor;
    if (this.edgeScore && instruction) {
      const u = reshape(this.edgeScore.forward(instruction), [-1, this.edgeWidth, H]); // [B, F, H]
      edgeTerm = reduceSum(mul(gather(u, g.edgeGraph, 0), unsqueeze(g.edgeFeats, [-1])), [1]); // [E, H]
    } else {
      edgeTerm = matmul(g.edgeFeats, this.use(this.edgeScoreStatic!, h));
    }
    const src = matmul(x, this.use(this.attSrc, h));
    const dst = matmul(x, this.use(this.attDst, h));
    const score = add(add(gather(src, g.edgeSrc, 0), gather(dst, g.edgeDst, 0)), edgeTerm);
    const attention = functional.segmentSoftmax(functional.leakyRelu(score, 0.2), g.edgeDst, h);
    const message = add(gather(this.value.forward(x), g.edgeSrc, 0), this.edgeValue.forward(g.edgeFeats)); // [E, D]
    const weighted = reshape(mul(reshape(message, [-1, H, d]), unsqueeze(attention, [-1])), [-1, this.hidden]);
    const aggregated = functional.segmentSum(weighted, g.edgeDst, h);
    const update = functional.dropout(functional.gelu(this.out.forward(aggregated)), this.dropout);
    return { nodes: this.norm.forward(add(h, update)), attention };
  }
}
