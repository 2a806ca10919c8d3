import { dropout } from '../functional/dropout.ts';
import { ShapeError } from '../errors/shape-error.ts';
import type { Tensor } from '../graph/tensor.ts';
import { add, matmul, mul, reshape, softmax, transpose, unsqueeze, where } from '../ops/index.ts';
import { Linear } from './linear.ts';
import { Module } from './module.ts';

export interface AttentionOptions {
  /** Dropout on the attention weights (training graphs only; default 0). */
  readonly dropout?: number;
  readonly dtype?: 'float32' | 'float64';
}

export interface AttentionInputs {
  readonly query: Tensor;
  /** Defaults to the query (self-attention). */
  readonly key?: Tensor;
  /** Defaults to the key. */
  readonly value?: Tensor;
  /** bool [B, Tk], true where the key is padding (those keys get no weight). */
  readonly keyPadding?: Tensor;
}

export interface AttentionResult {
  /** [B, Tq, D] */
  readonly output: Tensor;
  /** [B, H, Tq, Tk]; each row sums to 1 over the keys. */
  readonly weights: Tensor;
}

/**
 * Multi-head scaled dot-product attention (Vaswani et al.):
 *   head_h = softmax(Q_h K_h^T / sqrt(d) + mask) V_h,  output = concat_h(head_h) W_o
 * with Q = query W_q, K = key W_k, V = value W_v split into H heads of d = D / H features.
 * Shapes: query [B, Tq, D], key/value [B, Tk, D], keyPadding [B, Tk] -> output [B, Tq, D].
 */
export class MultiHeadAttention extends Module {
  readonly q: Linear;
  readonly k: Linear;
  readonly v: Linear;
  readonly o: Linear;
  readonly headDim: number;

  constructor(name: string, readonly features: number, readonly heads: number, private readonly options: AttentionOptions = {}) {
    super(name);
    if (features % heads !== 0) throw new ShapeError(`nn/modules/${name}: ${features} features do not split into ${heads} heads`);
    this.headDim = features / heads;
    const lin = (n: string) => this.child(new Linear(`${name}.${n}`, features, features, { init: 'xavier', ...(options.dtype ? { dtype: options.dtype } : {}) }));
    this.q = lin('q');
    this.k = lin('k');
    this.v = lin('v');
    this.o = lin('o');
  }

  /** [B, T, D] -> [B, H, T, d] */
  private split(x: Tensor): Tensor {
    return transpose(reshape(x, [0, 0, this.heads, this.headDim]), [0, 2, 1, 3]);
  }

  forward(inputs: AttentionInputs): AttentionResult {
    const key = inputs.key ?? inputs.query;
    const value = inputs.value ?? key;
    const q = this.split(this.q.forward(inputs.query));
    const kT = transpose(reshape(this.k.forward(key), [0, 0, this.heads, this.headDim]), [0, 2, 3, 1]);
    const v = this.split(this.v.forward(value));
    let scores = mul(matmul(q, kT), 1 / Math.sqrt(this.headDim));
    if (inputs.keyPadding) {
      // -1e9 rather than -inf: a fully padded row then gives uniform weights instead of NaN.
      const bias = where(unsqueeze(inputs.keyPadding, [1, 2]), scores.graph.scalar(-1e9, scores.dtype), 0);
      scores = add(scores, bias);
    }
    const weights = softmax(scores, -1);
    const attended = matmul(this.options.dropout ? dropout(weights, this.options.dropout) : weights, v);
    const merged = reshape(transpose(attended, [0, 2, 1, 3]), [0, 0, this.features]);
    return { output: this.o.forward(merged), weights };
  }
}
