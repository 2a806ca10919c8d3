/**
 * Optimizers are emitted into the training graph. They work on the flat vector of all trainable
 * parameters (concatenated in parameter order), so one update is a dozen ops whatever the number of
 * parameters: (parameters, gradient, state slots) -> (next parameters, next slots), with the step's
 * learning rate and update count fed by the runtime as scalar inputs.
 */
import type { Tensor } from '../graph/tensor.ts';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [k: string]: JsonValue };

export interface UpdateInput {
  /** All trainable parameters, flattened and concatenated: [P]. */
  readonly param: Tensor;
  /** The (clipped, averaged) gradient: [P]. */
  readonly grad: Tensor;
  /** Current values of the optimizer's slots, in `slots` order: each [P]. */
  readonly slots: readonly Tensor[];
  /** 1 where the parameter takes weight decay, 0 elsewhere ([P]); null when every parameter does. */
  readonly decayMask: Tensor | null;
  /** Learning rate, a scalar of the parameter's dtype. */
  readonly lr: Tensor;
  /** The 1-based update count t, a scalar of the parameter's dtype (for bias correction). */
  readonly step: Tensor;
}

export interface UpdateOutput {
  readonly param: Tensor;
  readonly slots: readonly Tensor[];
}

export interface Optimizer {
  readonly kind: string;
  /** Hyperparameters, stored in checkpoints and manifests. */
  readonly config: { readonly [k: string]: JsonValue };
  /** Names of the state vectors (each [P], starting at zero). */
  readonly slots: readonly string[];
  update(input: UpdateInput): UpdateOutput;
}
