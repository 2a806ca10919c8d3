import type { Parameter } from '../graph/parameter.ts';
import type { Tensor } from '../graph/tensor.ts';
import { conv } from '../ops/index.ts';
import { Module } from './module.ts';

export interface Conv2dOptions {
  readonly stride?: number;
  /** Zero padding on every side (default 0; 'same' = kernel // 2 for odd kernels). */
  readonly padding?: number | 'same';
  readonly dilation?: number;
  readonly bias?: boolean;
  /** 'torch' = U(+-1/sqrt(fan_in)) (default); 'kaiming' = N(0, 2/fan_in), suited to ReLU nets. */
  readonly init?: 'torch' | 'kaiming';
  readonly dtype?: 'float32' | 'float64';
}

/**
 * 2-D convolution layer: y = conv(x, W, stride, padding, dilation) + b.
 * Shapes: x [N, C_in, H, W] -> [N, C_out, H', W'], H' = floor((H + 2p - d (k - 1) - 1) / s) + 1;
 * W [C_out, C_in, k, k]; b [C_out].
 */
export class Conv2d extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(name: string, readonly inChannels: number, readonly outChannels: number, readonly kernel: number, private readonly options: Conv2dOptions = {}) {
    super(name);
    const dtype = options.dtype ?? 'float32';
    const fanIn = inChannels * kernel * kernel;
    const bound = 1 / Math.sqrt(fanIn);
    this.weight = this.param('weight', [outChannels, inChannels, kernel, kernel], {
      dtype,
      init: options.init === 'kaiming' ? { kind: 'normal', mean: 0, std: Math.sqrt(2 / fanIn) } : { kind: 'uniform', low: -bound, high: bound },
    });
    this.bias = options.bias === false ? null : this.param('bias', [outChannels], { dtype, init: { kind: 'uniform', low: -bound, high: bound } });
  }

  forward(x: Tensor): Tensor {
    const s = this.options.stride ?? 1;
    const d = this.options.dilation ?? 1;
    const p = this.options.padding === 'same' ? Math.floor(((this.kernel - 1) * d) / 2) : (this.options.padding ?? 0);
    const w = this.use(this.weight, x);
    return conv(x, w, { strides: [s, s], pads: [p, p, p, p], dilations: [d, d] }, this.bias ? this.use(this.bias, x) : undefined);
  }
}
