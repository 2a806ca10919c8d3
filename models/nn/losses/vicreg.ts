/**
 * VICReg terms (Bardes, Ponce & LeCun, 2022) on two batches of embeddings za, zb [N, D]:
 *   invariance  s(za, zb) = mean over N, D of (za - zb)^2
 *   variance    v(z) = mean over d of relu(gamma - sqrt(Var(z_d) + eps))       (Var unbiased, over N)
 *   covariance  c(z) = sum over i != j of C(z)_ij^2 / D,  C = (z - mean)^T (z - mean) / (N - 1)
 *   loss = lambda s + mu (v(za) + v(zb)) / 2 + nu (c(za) + c(zb))    (defaults 25, 25, 1; gamma 1, eps 1e-4)
 * as in the official implementation. The off-diagonal sum is sum(C^2) - sum(diag(C)^2) = sum(C^2) - sum(Var^2),
 * so no mask is built.
 */
import type { Tensor } from '../graph/tensor.ts';
import { add, div, matmul, mul, reduceMean, reduceSum, relu, sqrt, sub, transpose } from '../ops/index.ts';
import { mseLoss } from './regression.ts';
import { sizeAlong } from './reduce.ts';

export interface VicregOptions {
  readonly invarianceWeight?: number;
  readonly varianceWeight?: number;
  readonly covarianceWeight?: number;
  readonly gamma?: number;
  readonly epsilon?: number;
}

export interface VicregTerms {
  readonly loss: Tensor;
  readonly invariance: Tensor;
  readonly variance: Tensor;
  readonly covariance: Tensor;
}

export function vicregInvariance(za: Tensor, zb: Tensor): Tensor {
  return mseLoss(za, zb);
}

/** Per-dimension unbiased variance over the batch: [N, D] -> [D]. */
function batchVariance(z: Tensor): Tensor {
  const centered = sub(z, reduceMean(z, [0], true));
  return div(reduceSum(mul(centered, centered), [0]), sub(sizeAlong(z, 0), 1));
}

export function vicregVariance(z: Tensor, gamma = 1, epsilon = 1e-4): Tensor {
  return reduceMean(relu(sub(gamma, sqrt(add(batchVariance(z), epsilon)))));
}

export function vicregCovariance(z: Tensor): Tensor {
  const centered = sub(z, reduceMean(z, [0], true));
  const cov = div(matmul(transpose(centered, [1, 0]), centered), sub(sizeAlong(z, 0), 1));
  const variance = batchVariance(z);
  const offDiagonal = sub(reduceSum(mul(cov, cov)), reduceSum(mul(variance, variance)));
  return div(offDiagonal, sizeAlong(z, 1));
}

export function vicreg(za: Tensor, zb: Tensor, options: VicregOptions = {}): VicregTerms {
  const invariance = vicregInvariance(za, zb);
  const gamma = options.gamma ?? 1;
  const eps = options.epsilon ?? 1e-4;
  const variance = mul(add(vicregVariance(za, gamma, eps), vicregVariance(zb, gamma, eps)), 0.5);
  const covariance = add(vicregCovariance(za), vicregCovariance(zb));
  const loss = add(
    add(mul(invariance, options.invarianceWeight ?? 25), mul(variance, options.varianceWeight ?? 25)),
    mul(covariance, options.covarianceWeight ?? 1),
  );
  return { loss, invariance, variance, covariance };
}
