import type { Tensor } from '../graph/tensor.ts';
import { add } from '../ops/index.ts';
import { Linear } from './linear.ts';
import { type Aggregation, type EdgeIndex, type MessageContext, MessagePassing } from './message-passing.ts';

/**
 * GraphConv (Morris et al., "Weisfeiler and Leman go neural"; PyG GraphConv):
 *   x'_i = W_self x_i + W_nbr (aggregate over j -> i of x_j) + b
 * Arguments: inFeatures, outFeatures, aggregation (default 'sum').
 * Shapes: x [N, F_in], edges (src, dst) int64 [E] -> [N, F_out].
 */
export class GraphConv extends MessagePassing {
  readonly self: Linear;
  readonly neighbours: Linear;

  constructor(name: string, inFeatures: number, outFeatures: number, aggregation: Aggregation = 'sum', options: { dtype?: 'float32' | 'float64' } = {}) {
    super(name, aggregation);
    this.self = this.child(new Linear(`${name}.self`, inFeatures, outFeatures, options));
    this.neighbours = this.child(new Linear(`${name}.nbr`, inFeatures, outFeatures, { ...options, bias: false }));
  }

  forward(x: Tensor, edges: EdgeIndex): Tensor {
    return this.propagate(edges, { x });
  }

  // Aggregating x_j before the linear map costs N F_in F_out instead of E F_in F_out.
  protected override update(aggregated: Tensor, ctx: MessageContext): Tensor {
    return add(this.self.forward(ctx.node('x')), this.neighbours.forward(aggregated));
  }
}
