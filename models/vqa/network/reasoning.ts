/**
 * Instruction-conditioned reasoning over the graph (GraphVQA-GAT style, with a MAC-like read step).
 * Round t = 1..T, with instruction c_t [B, D] and the previous round's read-out m_{t-1} (none for t = 1):
 *   c'_t  = c_t + W_m m_{t-1}
 *   h     = InstructedGraphAttention_t(h, c'_t)          (edge features, residual, LayerNorm)
 *   a_t,i = softmax over the nodes of i's graph of (W_a h_i) . c'_t / sqrt(D)     (grounding of round t)
 *   m_t   = sum_i a_t,i h_i
 * Readout, conditioned on the question vector q: a_i = softmax_graph((W_r h_i) . q / sqrt(D)), the
 * attended mean mu = sum_i a_i h_i, and the attended spread of a learned projection z_i = W_z h_i,
 * s = sum_i a_i (z_i - zbar)^2 per dimension (zbar = sum_i a_i z_i); g = W_g [mu, s] + b. The spread
 * makes comparisons direct: two attended objects of one colour have no spread along the directions W_z
 * learns for colour ("same", "different", "common", "are all ... the same"). The projection matters:
 * node states mix every attribute in every dimension, and a square of a mixture cannot be unmixed.
 * The grounding of every round and of the readout is returned, [N, T + 1]; each column sums to 1 over
 * each graph's nodes (scene node included).
 * Shapes: nodes [N, D], instructions [B, T, D], question [B, D] -> g [B, D], nodes [N, D], grounding [N, T + 1].
 */
import { functional, modules, ops, type Tensor } from '../../nn/index.ts';
import { type AttentionGraph, InstructedGraphAttention } from './instructed-attention.ts';

const { add, concat, gather, mul, reduceSum, slice, squeeze, sub, unsqueeze } = ops;

export class Reasoning extends modules.Module {
  private readonly layers: InstructedGraphAttention[];
  private readonly grounders: modules.Linear[];
  private readonly memory: modules.Linear;
  private readonly readout: modules.Linear;
  private readonly project: modules.Linear;
  private readonly combine: modules.Linear;

  constructor(name: string, readonly hidden: number, heads: number, edgeWidth: number, readonly rounds: number, dropout: number) {
    super(name);
    this.layers = Array.from({ length: rounds }, (_, t) => this.child(new InstructedGraphAttention(`${name}.round${t}`, hidden, heads, edgeWidth, true, dropout)));
    this.grounders = Array.from({ length: rounds }, (_, t) => this.child(new modules.Linear(`${name}.ground${t}`, hidden, hidden, { bias: false })));
    this.memory = this.child(new modules.Linear(`${name}.memory`, hidden, hidden));
    this.readout = this.child(new modules.Linear(`${name}.readout`, hidden, hidden, { bias: false }));
    this.project = this.child(new modules.Linear(`${name}.project`, hidden, hidden, { bias: false }));
    this.combine = this.child(new modules.Linear(`${name}.combine`, 2 * hidden, hidden));
  }

  /** softmax within each graph of (W h_i) . c / sqrt(D), and the weighted sum of h per graph. */
  private attend(h: Tensor, projection: modules.Linear, c: Tensor, nodeGraph: Tensor): { weights: Tensor; summary: Tensor } {
    const score = mul(reduceSum(mul(projection.forward(h), gather(c, nodeGraph, 0)), [-1]), 1 / Math.sqrt(this.hidden));
    const weights = functional.segmentSoftmax(score, nodeGraph, c);
    return { weights, summary: functional.segmentSum(mul(h, unsqueeze(weights, [-1])), nodeGraph, c) };
  }

  forward(nodes: Tensor, graph: AttentionGraph, instructions: Tensor, question: Tensor): { graph: Tensor; nodes: Tensor; grounding: Tensor } {
    let h = nodes;
    let memory: Tensor | null = null;
    const grounding: Tensor[] = [];
    for (let t = 0; t < this.rounds; t++) {
      let c = squeeze(slice(instructions, [t], [t + 1], [1]), [1]);
      if (memory) c = add(c, this.memory.forward(memory));
      h = this.layers[t]!.forward(h, c, graph).nodes;
      const read = this.attend(h, this.grounders[t]!, c, graph.nodeGraph);
      grounding.push(unsqueeze(read.weights, [-1]));
      memory = read.summary;
    }
    const final = this.attend(h, this.readout, question, graph.nodeGraph);
    grounding.push(unsqueeze(final.weights, [-1]));
    const weights = unsqueeze(final.weights, [-1]);
    const z = this.project.forward(h);
    const centre = functional.segmentSum(mul(z, weights), graph.nodeGraph, question);
    const deviation = sub(z, gather(centre, graph.nodeGraph, 0));
    const spread = functional.segmentSum(mul(mul(deviation, deviation), weights), graph.nodeGraph, question);
    const g = this.combine.forward(concat([final.summary, spread], -1));
    return { graph: g, nodes: h, grounding: concat(grounding, -1) };
  }
}
