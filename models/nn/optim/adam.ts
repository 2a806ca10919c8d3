import type { Tensor } from '../graph/tensor.ts';
import { add, div, mul, pow, sqrt, sub } from '../ops/index.ts';
import type { Optimizer, UpdateInput, UpdateOutput } from './optimizer.ts';

export interface AdamOptions {
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  /** Adam: L2 penalty added to the gradient. AdamW: decoupled decay p *= 1 - lr wd. */
  readonly weightDecay?: number;
}

/** The bias corrections 1 - b1^t and 1 - b2^t (scalars). */
function corrections(step: Tensor, beta1: number, beta2: number): [Tensor, Tensor] {
  const g = step.graph;
  return [sub(1, pow(g.scalar(beta1, step.dtype), step)), sub(1, pow(g.scalar(beta2, step.dtype), step))];
}

function adamFamily(kind: 'adam' | 'adamw', options: AdamOptions): Optimizer {
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const eps = options.epsilon ?? 1e-8;
  const wd = options.weightDecay ?? (kind === 'adamw' ? 0.01 : 0);
  return {
    kind,
    config: { beta1, beta2, epsilon: eps, weightDecay: wd },
    slots: ['adam_m', 'adam_v'],
    update({ param, grad, slots, lr, step, decayMask }: UpdateInput): UpdateOutput {
      const decayed = (): Tensor => (decayMask ? mul(param, decayMask) : param);
      const g = kind === 'adam' && wd > 0 ? add(grad, mul(decayed(), wd)) : grad;
      const m = add(mul(slots[0]!, beta1), mul(g, 1 - beta1));
      const v = add(mul(slots[1]!, beta2), mul(mul(g, g), 1 - beta2));
      const [c1, c2] = corrections(step, beta1, beta2);
      // As torch.optim.Adam: p -= (lr / c1) * m / (sqrt(v) / sqrt(c2) + eps)
      const denom = add(div(sqrt(v), sqrt(c2)), eps);
      const base = kind === 'adamw' && wd > 0 ? sub(param, mul(decayed(), mul(lr, wd))) : param;
      return { param: sub(base, mul(div(lr, c1), div(m, denom))), slots: [m, v] };
    },
  };
}

/**
 * Adam with bias correction (Kingma & Ba), the update of torch.optim.Adam:
 *   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  p -= lr/(1 - b1^t) * m / (sqrt(v/(1 - b2^t)) + eps).
 * Defaults: b1 0.9, b2 0.999, eps 1e-8, weight decay 0 (added to g as an L2 term).
 */
export function adam(options: AdamOptions = {}): Optimizer {
  return adamFamily('adam', options);
}

/** AdamW (Loshchilov & Hutter): Adam with decoupled weight decay p *= 1 - lr wd (default wd 0.01). */
export function adamw(options: AdamOptions = {}): Optimizer {
  return adamFamily('adamw', options);
}
