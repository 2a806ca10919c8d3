import { add, mul, sub } from '../ops/index.ts';
import type { Optimizer, UpdateInput, UpdateOutput } from './optimizer.ts';

export interface SgdOptions {
  readonly momentum?: number;
  readonly nesterov?: boolean;
  /** L2 penalty added to the gradient (parameters with weightDecay only). */
  readonly weightDecay?: number;
}

/**
 * SGD with momentum, as PyTorch: g' = g + wd p; v = mu v + g'; p -= lr (nesterov ? g' + mu v : v).
 * Without momentum there is no state slot.
 */
export function sgd(options: SgdOptions = {}): Optimizer {
  const mu = options.momentum ?? 0;
  const wd = options.weightDecay ?? 0;
  const nesterov = options.nesterov ?? false;
  return {
    kind: 'sgd',
    config: { momentum: mu, nesterov, weightDecay: wd },
    slots: mu > 0 ? ['momentum'] : [],
    update({ param, grad, slots, lr, decayMask }: UpdateInput): UpdateOutput {
      const g = wd > 0 ? add(grad, mul(decayMask ? mul(param, decayMask) : param, wd)) : grad;
      if (mu === 0) return { param: sub(param, mul(g, lr)), slots: [] };
      const v = add(mul(slots[0]!, mu), g);
      const direction = nesterov ? add(g, mul(v, mu)) : v;
      return { param: sub(param, mul(direction, lr)), slots: [v] };
    },
  };
}
