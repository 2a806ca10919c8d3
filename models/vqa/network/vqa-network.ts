/**
 * The whole VQA network, built once and used by every graph (training, evaluation, inference):
 * question encoder -> instructions + q; graph encoder -> node embeddings; T reasoning rounds -> graph
 * vector g; classifier MLP on [g, q, g ⊙ q] -> answer logits.
 * Shapes: tokens [B, L], pad [B, L], graph tensors (N nodes, E edges) -> logits [B, A],
 * grounding [N, T + 1], encoded nodes [N, D].
 */
import { modules, ops, type Tensor } from '../../nn/index.ts';
import { edgeFeatureWidth } from '../features/graph-inputs.ts';
import { GraphEncoder, type GraphTensors } from './graph-encoder.ts';
import type { VqaNetworkConfig } from './network-config.ts';
import { QuestionEncoder } from './question-encoder.ts';
import { Reasoning } from './reasoning.ts';

const { concat, mul } = ops;

export interface VqaForward {
  readonly logits: Tensor;
  readonly grounding: Tensor;
  /** The graph encoder's node embeddings (what SSL acts on). */
  readonly encoded: Tensor;
}

export class VqaNetwork extends modules.Module {
  readonly questionEncoder: QuestionEncoder;
  readonly graphEncoder: GraphEncoder;
  readonly reasoning: Reasoning;
  readonly classifier: modules.Mlp;

  constructor(readonly config: VqaNetworkConfig) {
    super('vqa');
    const { hidden: D, heads, rounds, dropout } = config;
    this.questionEncoder = this.child(new QuestionEncoder('vqa.question', config.words, config.maxTokens, D, heads, config.questionLayers, rounds, dropout));
    this.graphEncoder = this.child(new GraphEncoder('vqa.graph', config.widths, D, heads, dropout));
    this.reasoning = this.child(new Reasoning('vqa.reason', D, heads, edgeFeatureWidth(config.widths), rounds, dropout));
    this.classifier = this.child(new modules.Mlp('vqa.classifier', [3 * D, 2 * D, config.answers], { activation: 'gelu', dropout }));
  }

  /** The graph encoder alone (SSL views that are not answered). */
  encode(graph: GraphTensors): Tensor {
    return this.graphEncoder.forward(graph).nodes;
  }

  forward(tokens: Tensor, pad: Tensor, graph: GraphTensors): VqaForward {
    const { instructions, question } = this.questionEncoder.forward(tokens, pad);
    const encoded = this.graphEncoder.forward(graph);
    const reasoned = this.reasoning.forward(encoded.nodes, encoded.graph, instructions, question);
    const g = reasoned.graph;
    const logits = this.classifier.forward(concat([g, question, mul(g, question)], -1));
    return { logits, grounding: reasoned.grounding, encoded: encoded.nodes };
  }
}
