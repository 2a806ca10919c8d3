/**
 * Log-domain Sinkhorn normalization of a batch of score matrices with padding, for soft assignments
 * between two node sets:
 *   log K_ij = s_ij on valid pairs (row i and column j both real), -inf (here -1e9) elsewhere;
 *   repeat `iterations` times:  log K -= logsumexp over j (rows sum to 1),  log K -= logsumexp over i
 *   (columns sum to 1);  a final row step, so every valid row is a distribution over valid columns.
 * With unequal set sizes the doubly-stochastic target does not exist; the alternation still spreads
 * each row's mass over the columns that fit it best without letting one column take every row.
 * logsumexp subtracts the (gradient-free) maximum, so nothing overflows. Padded rows come out uniform
 * over padded columns and must be masked by the caller.
 * Shapes: scores [B, M, K], rowMask [B, M], colMask [B, K] (1 real, 0 padding) -> log P [B, M, K].
 * Permuting the real rows (columns) permutes the rows (columns) of the result the same way.
 */
import { ops, type Tensor } from '../../nn/index.ts';

const { add, exp, greater, log, mul, reduceMax, reduceSum, stopGradient, sub, unsqueeze, where } = ops;

const MASKED = -1e9;

function logSumExp(x: Tensor, axis: number): Tensor {
  const m = stopGradient(reduceMax(x, [axis], true));
  return add(m, log(reduceSum(exp(sub(x, m)), [axis], true)));
}

export function sinkhornLog(scores: Tensor, rowMask: Tensor, colMask: Tensor, iterations: number): Tensor {
  const valid = greater(mul(unsqueeze(rowMask, [2]), unsqueeze(colMask, [1])), 0.5);
  const mask = (x: Tensor) => where(valid, x, MASKED);
  let logK = mask(scores);
  for (let k = 0; k < iterations; k++) {
    logK = mask(sub(logK, logSumExp(logK, 2)));
    logK = mask(sub(logK, logSumExp(logK, 1)));
  }
  return mask(sub(logK, logSumExp(logK, 2)));
}
