/**
 * Trainable (or frozen) parameters. A parameter is a named tensor spec plus how to initialize it;
 * graphs refer to it by name (a graph input while training, an initializer in the inference graph).
 */
import type { FloatDType } from '../onnx/dtype.ts';
import { GraphError } from '../errors/graph-error.ts';

export type Initializer =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly std: number }
  | { readonly kind: 'values'; readonly data: ArrayLike<number> };

export interface ParameterOptions {
  readonly init: Initializer;
  readonly dtype?: FloatDType;
  /** Apply weight decay (AdamW, SGD); default: true for rank >= 2 (weights), false for biases and norms. */
  readonly weightDecay?: boolean;
  /** Frozen parameters are graph inputs without gradients or updates. Default true. */
  readonly trainable?: boolean;
}

export class Parameter {
  readonly dtype: FloatDType;
  readonly init: Initializer;
  readonly weightDecay: boolean;
  readonly trainable: boolean;

  constructor(
    readonly name: string,
    readonly shape: readonly number[],
    options: ParameterOptions,
  ) {
    if (!/^[A-Za-z_][\w.\-/]*$/.test(name)) throw new GraphError(`nn/parameter: invalid parameter name '${name}'`);
    if (!shape.every((d) => Number.isInteger(d) && d > 0)) {
      throw new GraphError(`nn/parameter: '${name}' needs positive integer dims, got [${shape.join(', ')}]`);
    }
    this.dtype = options.dtype ?? 'float32';
    this.init = options.init;
    this.weightDecay = options.weightDecay ?? shape.length >= 2;
    this.trainable = options.trainable ?? true;
    if (options.init.kind === 'values' && options.init.data.length !== this.size) {
      throw new GraphError(`nn/parameter: '${name}' has ${this.size} elements but ${options.init.data.length} initial values`);
    }
  }

  get size(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }
}
