import { groupNorm } from '../functional/group-norm.ts';
import type { Parameter } from '../graph/parameter.ts';
import type { Tensor } from '../graph/tensor.ts';
import { Module } from './module.ts';

/**
 * GroupNorm layer: G groups over C channels, learned per-channel scale (init 1) and bias (init 0,
 * neither decayed). Shapes: x [N, C, H, W] -> [N, C, H, W].
 */
export class GroupNorm extends Module {
  readonly scale: Parameter;
  readonly bias: Parameter;

  constructor(name: string, readonly groups: number, readonly channels: number, private readonly options: { epsilon?: number; dtype?: 'float32' | 'float64' } = {}) {
    super(name);
    const dtype = options.dtype ?? 'float32';
    this.scale = this.param('scale', [channels], { dtype, init: { kind: 'constant', value: 1 }, weightDecay: false });
    this.bias = this.param('bias', [channels], { dtype, init: { kind: 'constant', value: 0 }, weightDecay: false });
  }

  forward(x: Tensor): Tensor {
    return groupNorm(x, this.groups, this.use(this.scale, x), this.use(this.bias, x), this.options.epsilon ?? 1e-5);
  }
}
