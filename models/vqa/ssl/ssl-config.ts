/** The self-supervised objective's settings (DESIGN §6); every field is a JSON value stored with the model. */
import { VqaModelError } from '../errors/vqa-model-error.ts';
export type SslLevel = 'node' | 'graph' | 'equivariant';
export const SSL_LEVELS: readonly SslLevel[] = ['node', 'graph', 'equivariant'];

export interface SslConfig {
  /** Levels switched on; empty = no SSL. */
  readonly levels: readonly SslLevel[];
  /** lambda in total = CE + lambda * (sum of the levels' VICReg losses). */
  readonly weight: number;
  /** VICReg weights: invariance, variance, covariance (default 25 / 25 / 1). */
  readonly invariance: number;
  readonly variance: number;
  readonly covariance: number;
  /** Expander MLP width (D -> E -> E, LayerNorm + ReLU between). */
  readonly expander: number;
  /** Sinkhorn iterations and temperature of the equivariant level's soft assignment. */
  readonly sinkhornIterations: number;
  readonly temperature: number;
}

export const DEFAULT_SSL: SslConfig = {
  levels: [],
  weight: 0.01,
  invariance: 25,
  variance: 25,
  covariance: 1,
  expander: 256,
  sinkhornIterations: 5,
  temperature: 0.1,
};

/** `none` | `node` | `graph` | `equivariant` | `all` -> levels. */
export function sslLevelsOf(name: string): SslLevel[] {
  if (name === 'none') return [];
  if (name === 'all') return [...SSL_LEVELS];
  if ((SSL_LEVELS as readonly string[]).includes(name)) return [name as SslLevel];
  throw new VqaModelError(`vqa/ssl: unknown SSL setting "${name}" (none, node, graph, equivariant or all)`);
}
