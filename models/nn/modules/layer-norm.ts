import type { Parameter } from '../graph/parameter.ts';
import type { Tensor } from '../graph/tensor.ts';
import { layerNorm } from '../ops/index.ts';
import { Module } from './module.ts';

/**
 * Layer normalization over the last axis: y = (x - mean) / sqrt(var + eps) * scale + bias.
 * Shapes: x [..., D] -> [..., D]; scale, bias [D] (initialized to 1 and 0, no weight decay).
 */
export class LayerNorm extends Module {
  readonly scale: Parameter;
  readonly bias: Parameter;

  constructor(name: string, readonly features: number, private readonly options: { epsilon?: number; dtype?: 'float32' | 'float64' } = {}) {
    super(name);
    const dtype = options.dtype ?? 'float32';
    this.scale = this.param('scale', [features], { dtype, init: { kind: 'constant', value: 1 }, weightDecay: false });
    this.bias = this.param('bias', [features], { dtype, init: { kind: 'constant', value: 0 }, weightDecay: false });
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.use(this.scale, x), this.use(this.bias, x), -1, this.options.epsilon ?? 1e-5);
  }
}
