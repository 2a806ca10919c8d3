import type { Tensor } from '../graph/tensor.ts';
import { ShapeError } from '../errors/shape-error.ts';
import { argMax, cast, div, equal, gatherElements, logSoftmax, max, mul, neg, not, reduceMean, reduceSum, sub, unsqueeze, where, and, squeeze } from '../ops/index.ts';

export interface CrossEntropyOptions {
  /** Targets equal to this are skipped (default -100, as PyTorch). */
  readonly ignoreIndex?: number;
  /** Mix the one-hot target with the uniform distribution: (1 - e) one_hot + e / C. */
  readonly labelSmoothing?: number;
  /** 'mean' over non-ignored targets (default), 'sum', or 'none' (per row, 0 where ignored). */
  readonly reduction?: 'mean' | 'sum' | 'none';
}

/**
 * Softmax cross-entropy over the last axis: logits [..., C], int64 targets [...]:
 *   loss_i = -log softmax(logits_i)[t_i]   (rows with t_i = ignoreIndex count 0 and are not averaged).
 * The mean divides by max(1, number of kept rows), so an all-ignored batch gives 0, not NaN.
 */
export function crossEntropy(logits: Tensor, targets: Tensor, options: CrossEntropyOptions = {}): Tensor {
  if (targets.dtype !== 'int64') throw new ShapeError(`nn/losses/crossEntropy: targets must be int64, got ${targets.dtype}`);
  if (targets.rank !== logits.rank - 1) throw new ShapeError('nn/losses/crossEntropy: targets must have the logits shape without the class axis');
  const ignore = options.ignoreIndex ?? -100;
  const keep = not(equal(targets, ignore));
  const safe = where(keep, targets, 0);
  const logp = logSoftmax(logits, -1);
  let nll = neg(squeeze(gatherElements(logp, unsqueeze(safe, [-1]), -1), [-1]));
  const eps = options.labelSmoothing ?? 0;
  if (eps > 0) nll = sub(mul(nll, 1 - eps), mul(reduceMean(logp, [-1]), eps));
  const kept = cast(keep, logits.dtype);
  const perRow = mul(nll, kept);
  const reduction = options.reduction ?? 'mean';
  if (reduction === 'none') return perRow;
  const total = reduceSum(perRow);
  return reduction === 'sum' ? total : div(total, max(reduceSum(kept), 1));
}

/** Fraction of rows whose arg-max class equals the target (ignored rows excluded); a metric, no gradient. */
export function accuracy(logits: Tensor, targets: Tensor, ignoreIndex = -100): Tensor {
  const keep = not(equal(targets, ignoreIndex));
  const hit = cast(and(equal(argMax(logits, -1), targets), keep), logits.dtype);
  return div(reduceSum(hit), max(reduceSum(cast(keep, logits.dtype)), 1));
}
