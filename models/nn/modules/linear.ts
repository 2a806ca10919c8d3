import { ShapeError } from '../errors/shape-error.ts';
import type { Parameter } from '../graph/parameter.ts';
import type { Tensor } from '../graph/tensor.ts';
import { add, matmul } from '../ops/index.ts';
import { Module } from './module.ts';

export interface LinearOptions {
  /** Add a bias (default true). */
  readonly bias?: boolean;
  /** Weight init: 'torch' = U(-1/sqrt(in), 1/sqrt(in)) (default), 'xavier' = U(+-sqrt(6/(in+out))), 'zeros'. */
  readonly init?: 'torch' | 'xavier' | 'zeros';
  readonly dtype?: 'float32' | 'float64';
}

/**
 * y = x W + b over the last axis.
 * Shapes: x [..., in] -> y [..., out]; W [in, out]; b [out].
 */
export class Linear extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(name: string, readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions = {}) {
    super(name);
    const dtype = options.dtype ?? 'float32';
    const bound = 1 / Math.sqrt(inFeatures);
    const init = options.init ?? 'torch';
    const limit = init === 'xavier' ? Math.sqrt(6 / (inFeatures + outFeatures)) : bound;
    this.weight = this.param('weight', [inFeatures, outFeatures], {
      dtype,
      init: init === 'zeros' ? { kind: 'constant', value: 0 } : { kind: 'uniform', low: -limit, high: limit },
    });
    this.bias = options.bias === false ? null : this.param('bias', [outFeatures], { dtype, init: init === 'torch' ? { kind: 'uniform', low: -bound, high: bound } : { kind: 'constant', value: 0 } });
  }

  forward(x: Tensor): Tensor {
    const last = x.shape[x.rank - 1];
    if (typeof last === 'number' && last !== this.inFeatures) {
      throw new ShapeError(`nn/modules/${this.name}: expects ${this.inFeatures} input features, got ${last}`);
    }
    const y = matmul(x, this.use(this.weight, x));
    return this.bias ? add(y, this.use(this.bias, x)) : y;
  }
}
