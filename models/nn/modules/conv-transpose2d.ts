import type { Parameter } from '../graph/parameter.ts';
import type { Tensor } from '../graph/tensor.ts';
import { convTranspose } from '../ops/index.ts';
import { Module } from './module.ts';

export interface ConvTranspose2dOptions {
  readonly stride?: number;
  readonly padding?: number;
  /** Extra rows/columns at the end of the output (0 <= outputPadding < stride). */
  readonly outputPadding?: number;
  readonly bias?: boolean;
  readonly dtype?: 'float32' | 'float64';
}

/**
 * Transposed 2-D convolution (learned upsampling): with stride s, kernel k, padding p and output
 * padding q, H' = s (H - 1) + k - 2p + q (k = 4, s = 2, p = 1 doubles the size).
 * Shapes: x [N, C_in, H, W] -> [N, C_out, H', W']; W [C_in, C_out, k, k]; b [C_out].
 */
export class ConvTranspose2d extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(name: string, readonly inChannels: number, readonly outChannels: number, readonly kernel: number, private readonly options: ConvTranspose2dOptions = {}) {
    super(name);
    const dtype = options.dtype ?? 'float32';
    const bound = 1 / Math.sqrt(outChannels * kernel * kernel);
    this.weight = this.param('weight', [inChannels, outChannels, kernel, kernel], { dtype, init: { kind: 'uniform', low: -bound, high: bound } });
    this.bias = options.bias === false ? null : this.param('bias', [outChannels], { dtype, init: { kind: 'uniform', low: -bound, high: bound } });
  }

  forward(x: Tensor): Tensor {
    const s = this.options.stride ?? 1;
    const p = this.options.padding ?? 0;
    const q = this.options.outputPadding ?? 0;
    const w = this.use(this.weight, x);
    return convTranspose(x, w, { strides: [s, s], pads: [p, p, p, p], outputPadding: [q, q] }, this.bias ? this.use(this.bias, x) : undefined);
  }
}
