import { type Activation, activate } from '../functional/activations.ts';
import { dropout } from '../functional/dropout.ts';
import type { Tensor } from '../graph/tensor.ts';
import { LayerNorm } from './layer-norm.ts';
import { Linear } from './linear.ts';
import { Module } from './module.ts';

export interface MlpOptions {
  /** Hidden activation (default 'relu'). */
  readonly activation?: Activation;
  /** Dropout after each hidden activation (training graphs only; default 0). */
  readonly dropout?: number;
  /** LayerNorm before each hidden activation (default false). */
  readonly layerNorm?: boolean;
  readonly dtype?: 'float32' | 'float64';
}

/**
 * A stack of Linear layers with an activation between them (none after the last).
 * Shapes: x [..., sizes[0]] -> [..., sizes[last]].
 */
export class Mlp extends Module {
  readonly layers: Linear[];
  private readonly norms: (LayerNorm | null)[];

  constructor(name: string, readonly sizes: readonly number[], private readonly options: MlpOptions = {}) {
    super(name);
    this.layers = sizes.slice(1).map((out, i) => this.child(new Linear(`${name}.${i}`, sizes[i]!, out, options.dtype ? { dtype: options.dtype } : {})));
    this.norms = sizes.slice(1, -1).map((d, i) => (options.layerNorm ? this.child(new LayerNorm(`${name}.norm${i}`, d, options.dtype ? { dtype: options.dtype } : {})) : null));
  }

  forward(x: Tensor): Tensor {
    let h = x;
    this.layers.forEach((layer, i) => {
      h = layer.forward(h);
      if (i === this.layers.length - 1) return;
      const norm = this.norms[i];
      if (norm) h = norm.forward(h);
      h = activate(h, this.options.activation ?? 'relu');
      if (this.options.dropout) h = dropout(h, this.options.dropout);
    });
    return h;
  }
}
