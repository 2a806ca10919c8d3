/**
 * The base of every graph layer (PyTorch Geometric's MessagePassing): `propagate` always runs
 * message -> aggregate -> update. Per-node tensors passed to propagate are gathered onto edges on
 * demand: `ctx.i(name)` at each edge's target, `ctx.j(name)` at its source (the `x_i` / `x_j` naming
 * of PyG). Subclasses override stages only; by default a message is `x_j`, the aggregation a sum over
 * incoming edges, and the update the identity.
 */
import { type SegmentCount, segmentMax, segmentMean, segmentSum } from '../functional/segment.ts';
import { GraphError } from '../errors/graph-error.ts';
import type { Tensor } from '../graph/tensor.ts';
import { gather } from '../ops/index.ts';
import { Module } from './module.ts';

/** Edges as two int64 [E] index tensors: messages flow from `src` (j) to `dst` (i). */
export interface EdgeIndex {
  readonly src: Tensor;
  readonly dst: Tensor;
}

export type Aggregation = 'sum' | 'mean' | 'max';

export class MessageContext {
  private readonly gathered = new Map<string, Tensor>();

  constructor(
    readonly edges: EdgeIndex,
    /** Number of target nodes: a count or a tensor whose first axis is the node axis. */
    readonly nodes: SegmentCount,
    private readonly nodeData: Readonly<Record<string, Tensor>>,
    private readonly edgeData: Readonly<Record<string, Tensor>>,
  ) {}

  /** A per-node tensor as passed to propagate. */
  node(name: string): Tensor {
    const t = this.nodeData[name];
    if (!t) throw new GraphError(`nn/message-passing: no node tensor '${name}'`);
    return t;
  }

  /** A per-edge tensor as passed to propagate. */
  edge(name: string): Tensor {
    const t = this.edgeData[name];
    if (!t) throw new GraphError(`nn/message-passing: no edge tensor '${name}'`);
    return t;
  }

  /** `<name>_i`: the node tensor at each edge's target, [E, ...]. */
  i(name: string): Tensor {
    return this.at(name, 'i');
  }

  /** `<name>_j`: the node tensor at each edge's source, [E, ...]. */
  j(name: string): Tensor {
    return this.at(name, 'j');
  }

  private at(name: string, side: 'i' | 'j'): Tensor {
    const key = `${name}_${side}`;
    let t = this.gathered.get(key);
    if (!t) {
      t = gather(this.node(name), side === 'i' ? this.edges.dst : this.edges.src, 0);
      this.gathered.set(key, t);
    }
    return t;
  }
}

export abstract class MessagePassing extends Module {
  constructor(name: string, readonly aggregation: Aggregation = 'sum') {
    super(name);
  }

  /**
   * Runs message -> aggregate -> update. `nodes` holds per-node tensors [N, ...] (at least `x`),
   * `edges` per-edge tensors [E, ...].
   */
  protected propagate(edgeIndex: EdgeIndex, nodes: Readonly<Record<string, Tensor>>, edges: Readonly<Record<string, Tensor>> = {}): Tensor {
    const first = nodes.x ?? Object.values(nodes)[0];
    if (!first) throw new GraphError(`nn/message-passing: ${this.name} needs at least one node tensor`);
    const ctx = new MessageContext(edgeIndex, first, nodes, edges);
    return this.update(this.aggregate(this.message(ctx), ctx), ctx);
  }

  /** Per-edge messages [E, ...]; default x_j. */
  protected message(ctx: MessageContext): Tensor {
    return ctx.j('x');
  }

  /** Combines messages at their targets: [E, ...] -> [N, ...]. */
  protected aggregate(messages: Tensor, ctx: MessageContext): Tensor {
    switch (this.aggregation) {
      case 'sum':
        return segmentSum(messages, ctx.edges.dst, ctx.nodes);
      case 'mean':
        return segmentMean(messages, ctx.edges.dst, ctx.nodes);
      case 'max':
        return segmentMax(messages, ctx.edges.dst, ctx.nodes);
    }
  }

  /** Node update from the aggregate; default identity. */
  protected update(aggregated: Tensor, _ctx: MessageContext): Tensor {
    return aggregated;
  }
}
