/**
 * Two small layers the backbone needs beyond models/nn's modules: a 1x1 convolution whose bias starts at
 * a chosen value (the heatmap prior), and a learned 2x upsampling (ConvTranspose, kernel 2, stride 2).
 */
import type { Parameter, Tensor } from '../../nn/index.ts';
import { Module } from '../../nn/modules/index.ts';
import { conv, convTranspose } from '../../nn/ops/index.ts';

/**
 * y = W x + b per pixel. Shapes: x [B, C_in, H, W] -> [B, C_out, H, W]; W [C_out, C_in, 1, 1].
 * `biasInit` sets every bias (CenterNet starts heatmap logits at -2.19, a prior of 0.1).
 */
export class PointwiseConv extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter;

  constructor(name: string, readonly inChannels: number, readonly outChannels: number, biasInit = 0) {
    super(name);
    const bound = 1 / Math.sqrt(inChannels);
    this.weight = this.param('weight', [outChannels, inChannels, 1, 1], { init: { kind: 'uniform', low: -bound, high: bound } });
    this.bias = this.param('bias', [outChannels], { init: { kind: 'constant', value: biasInit } });
  }

  forward(x: Tensor): Tensor {
    return conv(x, this.use(this.weight, x), {}, this.use(this.bias, x));
  }
}

/**
 * Learned 2x upsampling: y = conv_transpose(x, W, stride 2) + b, each input pixel painting a 2x2 block.
 * Shapes: x [B, C_in, H, W] -> [B, C_out, 2H, 2W]; W [C_in, C_out, 2, 2].
 */
export class Upsample2x extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter;

  constructor(name: string, readonly inChannels: number, readonly outChannels: number) {
    super(name);
    const std = Math.sqrt(2 / inChannels);
    this.weight = this.param('weight', [inChannels, outChannels, 2, 2], { init: { kind: 'normal', mean: 0, std } });
    this.bias = this.param('bias', [outChannels], { init: { kind: 'constant', value: 0 } });
  }

  forward(x: Tensor): Tensor {
    return convTranspose(x, this.use(this.weight, x), { strides: [2, 2] }, this.use(this.bias, x));
  }
}
