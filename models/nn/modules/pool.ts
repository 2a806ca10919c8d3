import { globalAvgPool, globalMaxPool } from '../functional/pooling.ts';
import type { Tensor } from '../graph/tensor.ts';
import { averagePool, maxPool } from '../ops/index.ts';
import { Module } from './module.ts';

/**
 * Parameter-free 2-D pooling as a layer: 'max' or 'avg' over k x k windows (stride defaults to k),
 * or 'global-avg' / 'global-max' over all positions.
 * Shapes: [N, C, H, W] -> [N, C, H', W'] (windows) or [N, C] (global).
 */
export class Pool2d extends Module {
  constructor(name: string, readonly kind: 'max' | 'avg' | 'global-avg' | 'global-max', readonly kernel = 2, readonly stride = kernel, readonly padding = 0) {
    super(name);
  }

  forward(x: Tensor): Tensor {
    const options = { strides: [this.stride, this.stride], pads: [this.padding, this.padding] };
    switch (this.kind) {
      case 'max':
        return maxPool(x, [this.kernel, this.kernel], options);
      case 'avg':
        return averagePool(x, [this.kernel, this.kernel], { ...options, countIncludePad: true });
      case 'global-avg':
        return globalAvgPool(x);
      case 'global-max':
        return globalMaxPool(x);
    }
  }
}
