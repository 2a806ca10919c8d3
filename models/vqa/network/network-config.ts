/** Sizes of the VQA network; stored in checkpoints and manifests (JSON). */
import type { GraphWidths } from '../features/graph-vocabularies.ts';

export interface VqaNetworkConfig {
  /** D: width of token, node and edge embeddings. */
  readonly hidden: number;
  /** Attention heads (question Transformer, instruction queries, graph attention). */
  readonly heads: number;
  /** T: reasoning rounds = instruction vectors. */
  readonly rounds: number;
  /** Transformer encoder layers over the question. */
  readonly questionLayers: number;
  /** Dropout in the question encoder, graph updates and classifier (training graphs only). */
  readonly dropout: number;
  /** Question vocabulary size (`<pad>` and `<unk>` included) and longest question in tokens. */
  readonly words: number;
  readonly maxTokens: number;
  /** Answer classes. */
  readonly answers: number;
  /** Graph input widths (classes, attributes, predicates, locations). */
  readonly widths: GraphWidths;
}

export const DEFAULT_NETWORK_SIZES = { hidden: 64, heads: 4, rounds: 4, questionLayers: 1, dropout: 0 } as const;
