/** Everything that determines a training run (stored in checkpoints, logs and the shipped manifest). */
import type { GraphKind } from '../data/graph-source.ts';
import { DEFAULT_NETWORK_SIZES } from '../network/network-config.ts';
import { DEFAULT_SSL, type SslConfig } from '../ssl/ssl-config.ts';

export interface NetworkSizes {
  readonly hidden: number;
  readonly heads: number;
  readonly rounds: number;
  readonly questionLayers: number;
  readonly dropout: number;
}

export interface VqaTrainingConfig {
  /** Which graphs the answers are trained on. */
  readonly graphs: GraphKind;
  readonly ssl: SslConfig;
  /** SSL-only epochs before the answer training (0: joint training from the start). */
  readonly pretrainEpochs: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** Peak learning rate of the warm-up + cosine schedule (AdamW). */
  readonly lr: number;
  readonly warmupSteps: number;
  readonly weightDecay: number;
  readonly clipNorm: number;
  readonly labelSmoothing: number;
  /** Weight of the grounding supervision from the questions' annotations (0 = off). */
  readonly groundingWeight: number;
  readonly seed: number;
  /** Train on at most this many questions (a fixed random subset); null = all. */
  readonly maxTrainQuestions: number | null;
  /** Evaluate on at most this many questions per evaluation set (the first ones); null = all. */
  readonly maxEvalQuestions: number | null;
  readonly network: NetworkSizes;
}

export const DEFAULT_TRAINING: VqaTrainingConfig = {
  graphs: 'annotated',
  ssl: DEFAULT_SSL,
  pretrainEpochs: 0,
  epochs: 8,
  batchSize: 64,
  lr: 2e-3,
  warmupSteps: 200,
  weightDecay: 0.01,
  clipNorm: 1,
  labelSmoothing: 0,
  groundingWeight: 0.5,
  seed: 0,
  maxTrainQuestions: null,
  maxEvalQuestions: null,
  network: { ...DEFAULT_NETWORK_SIZES },
};
