import { softplus } from '../functional/activations.ts';
import type { Tensor } from '../graph/tensor.ts';
import { add, mul, sub } from '../ops/index.ts';
import { type Reduction, reduceLoss } from './reduce.ts';

export interface BceOptions {
  /** Weight of the positive term (as PyTorch's pos_weight). */
  readonly posWeight?: number;
  /** Per-element weights or mask, broadcastable to the logits. */
  readonly weights?: Tensor;
  readonly reduction?: Reduction;
}

/**
 * Binary cross-entropy on logits, stable for any |x|:
 *   l = (1 - y) x + (1 + (w_pos - 1) y) softplus(-x)   (= softplus(x) - x y when w_pos = 1)
 * Shapes: logits and float targets in [0, 1] of the same shape.
 */
export function bceWithLogits(logits: Tensor, targets: Tensor, options: BceOptions = {}): Tensor {
  const pw = options.posWeight ?? 1;
  const perElement =
    pw === 1
      ? sub(softplus(logits), mul(logits, targets))
      : add(mul(sub(1, targets), logits), mul(add(mul(targets, pw - 1), 1), softplus(mul(logits, -1))));
  return reduceLoss(perElement, options.reduction ?? 'mean', options.weights);
}
