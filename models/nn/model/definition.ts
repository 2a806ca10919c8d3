/**
 * A model is defined once: its inputs, a forward function and a loss. The contract (contract.ts)
 * turns one definition into the training, gradient, evaluation and inference graphs by calling the
 * forward function in a fresh graph for each.
 */
import type { DType } from '../onnx/dtype.ts';
import type { Graph } from '../graph/graph.ts';
import type { Dim } from '../graph/shape.ts';
import type { Tensor } from '../graph/tensor.ts';
import type { JsonValue } from '../optim/optimizer.ts';

export interface TensorSpec {
  readonly dtype: DType;
  /** Numbers for fixed sizes, names (e.g. 'N') for sizes that vary between runs. */
  readonly shape: readonly Dim[];
}

export interface LossResult {
  /** A scalar. */
  readonly loss: Tensor;
  /** Extra scalars to report (accuracy, loss terms), written as outputs `metric.<name>`. */
  readonly metrics?: Readonly<Record<string, Tensor>>;
}

export interface ModelDefinition<I extends string = string, T extends string = string, O extends string = string> {
  /** Names graphs and checkpoints. */
  readonly name: string;
  /** Data inputs, fed for training, evaluation and inference. */
  readonly inputs: Readonly<Record<I, TensorSpec>>;
  /** Training targets, fed for training and evaluation only. */
  readonly targets: Readonly<Record<T, TensorSpec>>;
  /**
   * The model: inputs -> named outputs. Called once per graph; `graph.training` tells dropout whether
   * to act. Parameters are reached through `graph.param(p)` (modules do this).
   */
  forward(inputs: Readonly<Record<I, Tensor>>, graph: Graph): Readonly<Record<O, Tensor>>;
  /** The training objective from the outputs, targets and inputs: a scalar or a scalar plus metrics. */
  loss(outputs: Readonly<Record<O, Tensor>>, targets: Readonly<Record<T, Tensor>>, inputs: Readonly<Record<I, Tensor>>): Tensor | LossResult;
  /** Anything needed to rebuild the model (sizes, vocabularies); stored in checkpoints and manifests. */
  readonly config?: JsonValue;
}

/** Identity helper that lets TypeScript infer the input, target and output names. */
export function defineModel<I extends string, T extends string, O extends string>(
  definition: ModelDefinition<I, T, O>,
): ModelDefinition<I, T, O> {
  return definition;
}
