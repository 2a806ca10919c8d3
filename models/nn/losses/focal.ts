import { logSigmoid, softplus } from '../functional/activations.ts';
import type { Tensor } from '../graph/tensor.ts';
import { add, cast, div, greaterOrEqual, max, mul, neg, pow, reduceSum, sigmoid, sub, where } from '../ops/index.ts';
import { type Reduction, reduceLoss } from './reduce.ts';

export interface FocalOptions {
  /** Balance of positives (torchvision default 0.25; negative to disable). */
  readonly alpha?: number;
  /** Focusing exponent (default 2). */
  readonly gamma?: number;
  readonly reduction?: Reduction;
  readonly weights?: Tensor;
}

/**
 * Sigmoid focal loss (Lin et al., RetinaNet; torchvision.ops.sigmoid_focal_loss):
 *   p = sigmoid(x), p_t = p y + (1 - p)(1 - y), ce = BCE(x, y),
 *   l = alpha_t (1 - p_t)^gamma ce,  alpha_t = alpha y + (1 - alpha)(1 - y).
 */
export function sigmoidFocalLoss(logits: Tensor, targets: Tensor, options: FocalOptions = {}): Tensor {
  const alpha = options.alpha ?? 0.25;
  const gamma = options.gamma ?? 2;
  const p = sigmoid(logits);
  const ce = sub(softplus(logits), mul(logits, targets));
  const pt = add(mul(p, targets), mul(sub(1, p), sub(1, targets)));
  let loss = mul(ce, pow(max(sub(1, pt), 0), gamma));
  if (alpha >= 0) loss = mul(loss, add(mul(targets, alpha), mul(sub(1, targets), 1 - alpha)));
  return reduceLoss(loss, options.reduction ?? 'mean', options.weights);
}

export interface HeatmapFocalOptions {
  /** Exponent on the prediction error (default 2). */
  readonly alpha?: number;
  /** Exponent that reduces the penalty near a peak of the target heatmap (default 4). */
  readonly beta?: number;
}

/**
 * The penalty-reduced focal loss of CenterNet (Zhou et al., "Objects as Points") on heatmap logits:
 *   at peaks (y = 1):      -(1 - p)^alpha log p
 *   elsewhere:             -(1 - y)^beta p^alpha log(1 - p)
 * summed and divided by max(1, number of peaks). log p and log(1 - p) come from log-sigmoid, so
 * saturated logits stay finite. Shapes: logits and targets [B, C, H, W] (targets in [0, 1]).
 */
export function heatmapFocalLoss(logits: Tensor, targets: Tensor, options: HeatmapFocalOptions = {}): Tensor {
  const a = options.alpha ?? 2;
  const b = options.beta ?? 4;
  const p = sigmoid(logits);
  const peak = greaterOrEqual(targets, 1 - 1e-6);
  const posTerm = mul(pow(sub(1, p), a), logSigmoid(logits));
  const negTerm = mul(mul(pow(sub(1, targets), b), pow(p, a)), logSigmoid(neg(logits)));
  const total = reduceSum(where(peak, posTerm, negTerm));
  const peaks = reduceSum(cast(peak, logits.dtype));
  return neg(div(total, max(peaks, 1)));
}
