import { leakyRelu } from '../functional/activations.ts';
import { dropout } from '../functional/dropout.ts';
import { segmentSoftmax } from '../functional/segment.ts';
import type { Parameter } from '../graph/parameter.ts';
import type { Tensor } from '../graph/tensor.ts';
import { add, gather, mul, reduceMean, reduceSum, reshape, unsqueeze } from '../ops/index.ts';
import { GraphError } from '../errors/graph-error.ts';
import { Linear } from './linear.ts';
import { type EdgeIndex, type MessageContext, MessagePassing } from './message-passing.ts';

export interface GatOptions {
  /** Attention heads (default 1). */
  readonly heads?: number;
  /** Concatenate heads (default true) or average them. */
  readonly concat?: boolean;
  /** Per-edge feature size; 0 for none (default). */
  readonly edgeFeatures?: number;
  /** LeakyReLU slope of the scores (default 0.2). */
  readonly negativeSlope?: number;
  /** Dropout on the attention weights (training graphs only; default 0). */
  readonly dropout?: number;
  readonly dtype?: 'float32' | 'float64';
}

/**
 * Graph attention with edge features (GATConv of Velickovic et al.; edge term as PyG's edge_dim):
 *   h = x W,  e_ij = LeakyReLU(a_src . h_j + a_dst . h_i + a_edge . (edge_ij W_e)),
 *   alpha_ij = softmax over the incoming edges of i of e_ij,  x'_i = sum_j alpha_ij h_j + b
 * per head. Node-level scores a_src . h and a_dst . h are computed once per node and gathered onto
 * edges, so no per-edge concatenation is formed.
 * Arguments: inFeatures, outFeatures (per head), options (heads 1, concat true, edgeFeatures 0,
 * negativeSlope 0.2, dropout 0). Edges are used as given: add self loops to the edge list for a node
 * to attend to itself (a node without incoming edges gets only the bias).
 * Shapes: x [N, F_in], edges (src, dst) [E], edgeAttr [E, F_e] -> [N, H F_out] (concat) or [N, F_out],
 * attention [E, H] (weights into each target sum to 1).
 */
export class GatConv extends MessagePassing {
  readonly lin: Linear;
  readonly linEdge: Linear | null;
  readonly attSrc: Parameter;
  readonly attDst: Parameter;
  readonly attEdge: Parameter | null;
  readonly bias: Parameter;
  readonly heads: number;

  constructor(name: string, readonly inFeatures: number, readonly outFeatures: number, private readonly options: GatOptions = {}) {
    super(name, 'sum');
    const heads = (this.heads = options.heads ?? 1);
    const dtype = options.dtype ?? 'float32';
    const width = heads * outFeatures;
    const attBound = Math.sqrt(6 / (1 + outFeatures));
    const att = (n: string) => this.param(n, [heads, outFeatures], { dtype, init: { kind: 'uniform', low: -attBound, high: attBound } });
    this.lin = this.child(new Linear(`${name}.lin`, inFeatures, width, { bias: false, init: 'xavier', dtype }));
    this.attSrc = att('att_src');
    this.attDst = att('att_dst');
    const fe = options.edgeFeatures ?? 0;
    this.linEdge = fe > 0 ? this.child(new Linear(`${name}.lin_edge`, fe, width, { bias: false, init: 'xavier', dtype })) : null;
    this.attEdge = fe > 0 ? att('att_edge') : null;
    this.bias = this.param('bias', [options.concat === false ? outFeatures : width], { dtype, init: { kind: 'constant', value: 0 }, weightDecay: false });
  }

  /** Returns the updated nodes and the attention weights [E, H]. */
  forward(x: Tensor, edges: EdgeIndex, edgeAttr?: Tensor): { output: Tensor; attention: Tensor } {
    const h = reshape(this.lin.forward(x), [-1, this.heads, this.outFeatures]);
    const score = (t: Tensor, a: Parameter) => reduceSum(mul(t, this.use(a, t)), [-1]);
    const nodes = { x: h, src: score(h, this.attSrc), dst: score(h, this.attDst) };
    const edgeData: Record<string, Tensor> = {};
    if (this.linEdge && this.attEdge) {
      if (!edgeAttr) throw new GraphError(`nn/modules/${this.name}: edge features are required`);
      edgeData.score = score(reshape(this.linEdge.forward(edgeAttr), [-1, this.heads, this.outFeatures]), this.attEdge);
    }
    const attention = this.attention(edges, nodes, edgeData);
    edgeData.alpha = attention;
    const out = this.propagate(edges, nodes, edgeData);
    const merged = this.options.concat === false ? reduceMean(out, [1]) : reshape(out, [-1, this.heads * this.outFeatures]);
    return { output: add(merged, this.use(this.bias, merged)), attention };
  }

  /** The edge stage: alpha_ij from node-level scores gathered onto edges, softmax over each target's edges. */
  private attention(edges: EdgeIndex, nodes: Record<string, Tensor>, edgeData: Record<string, Tensor>): Tensor {
    let e = add(gather(nodes.src!, edges.src, 0), gather(nodes.dst!, edges.dst, 0));
    if (edgeData.score) e = add(e, edgeData.score);
    return segmentSoftmax(leakyRelu(e, this.options.negativeSlope ?? 0.2), edges.dst, nodes.x!);
  }

  protected override message(ctx: MessageContext): Tensor {
    const alpha = this.options.dropout ? dropout(ctx.edge('alpha'), this.options.dropout) : ctx.edge('alpha');
    return mul(ctx.j('x'), unsqueeze(alpha, [-1]));
  }
}
