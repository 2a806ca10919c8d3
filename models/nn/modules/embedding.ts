import { ShapeError } from '../errors/shape-error.ts';
import type { Parameter } from '../graph/parameter.ts';
import type { Tensor } from '../graph/tensor.ts';
import { gather, matmul } from '../ops/index.ts';
import { Module } from './module.ts';

/**
 * A lookup table: y = W[ids]. The gradient scatters into the rows that were looked up (repeated ids
 * add up). Initialized N(0, std) (default std 1, as PyTorch).
 * Shapes: ids int64 [...] -> [..., D]; W [V, D].
 */
export class Embedding extends Module {
  readonly weight: Parameter;

  constructor(name: string, readonly count: number, readonly features: number, options: { std?: number; dtype?: 'float32' | 'float64' } = {}) {
    super(name);
    this.weight = this.param('weight', [count, features], {
      dtype: options.dtype ?? 'float32',
      init: { kind: 'normal', mean: 0, std: options.std ?? 1 },
      weightDecay: false,
    });
  }

  forward(ids: Tensor): Tensor {
    if (ids.dtype !== 'int64') throw new ShapeError(`nn/modules/${this.name}: ids must be int64, got ${ids.dtype}`);
    return gather(this.use(this.weight, ids), ids, 0);
  }

  /** Soft lookup: probabilities [..., V] times the table -> [..., D] (for predicted, uncertain labels). */
  mix(probabilities: Tensor): Tensor {
    return matmul(probabilities, this.use(this.weight, probabilities));
  }
}
