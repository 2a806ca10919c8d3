import type { Tensor } from '../graph/tensor.ts';
import { abs, less, mul, sub, where } from '../ops/index.ts';
import { type Reduction, reduceLoss } from './reduce.ts';

export interface RegressionOptions {
  readonly reduction?: Reduction;
  /** Per-element weights or a 0/1 mask, broadcastable to the inputs; 'mean' divides by their sum. */
  readonly weights?: Tensor;
}

/** Mean absolute error |pred - target|. */
export function l1Loss(pred: Tensor, target: Tensor, options: RegressionOptions = {}): Tensor {
  return reduceLoss(abs(sub(pred, target)), options.reduction ?? 'mean', options.weights);
}

/** Mean squared error (pred - target)^2. */
export function mseLoss(pred: Tensor, target: Tensor, options: RegressionOptions = {}): Tensor {
  const d = sub(pred, target);
  return reduceLoss(mul(d, d), options.reduction ?? 'mean', options.weights);
}

/** Smooth L1 (Huber with slope 1): 0.5 d^2 / beta where |d| < beta, else |d| - beta / 2 (default beta 1). */
export function smoothL1Loss(pred: Tensor, target: Tensor, options: RegressionOptions & { beta?: number } = {}): Tensor {
  const beta = options.beta ?? 1;
  const d = sub(pred, target);
  const a = abs(d);
  const loss = where(less(a, beta), mul(mul(d, d), 0.5 / beta), sub(a, beta / 2));
  return reduceLoss(loss, options.reduction ?? 'mean', options.weights);
}
