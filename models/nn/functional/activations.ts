/**
 * Activations written as compositions of primitive ops (their gradients come from the primitives'
 * rules): relu, sigmoid and tanh are primitives themselves.
 */
import type { Tensor } from '../graph/tensor.ts';
import { abs, add, erf, exp, greater, log, mul, neg, relu, sigmoid, tanh, where } from '../ops/index.ts';

/** LeakyReLU: x for x > 0, slope * x otherwise (default slope 0.01; GAT uses 0.2). */
export function leakyRelu(x: Tensor, slope = 0.01): Tensor {
  return where(greater(x, 0), x, mul(x, slope));
}

/** Exact GELU: x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)). */
export function gelu(x: Tensor): Tensor {
  return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
}

/** SiLU / swish: x * sigmoid(x). */
export function silu(x: Tensor): Tensor {
  return mul(x, sigmoid(x));
}

/** softplus(x) = log(1 + e^x), computed as relu(x) + log(1 + e^-|x|) so it never overflows. */
export function softplus(x: Tensor): Tensor {
  return add(relu(x), log(add(exp(neg(abs(x))), 1)));
}

/** log(sigmoid(x)) = -softplus(-x), stable for large |x|. */
export function logSigmoid(x: Tensor): Tensor {
  return neg(softplus(neg(x)));
}

export type Activation = 'relu' | 'gelu' | 'silu' | 'tanh' | 'sigmoid' | 'leaky_relu' | 'identity';

export function activate(x: Tensor, activation: Activation): Tensor {
  switch (activation) {
    case 'relu':
      return relu(x);
    case 'gelu':
      return gelu(x);
    case 'silu':
      return silu(x);
    case 'sigmoid':
      return sigmoid(x);
    case 'leaky_relu':
      return leakyRelu(x);
    case 'tanh':
      return tanh(x);
    case 'identity':
      return x;
  }
}
