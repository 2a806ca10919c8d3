import { dropout } from '../functional/dropout.ts';
import type { Tensor } from '../graph/tensor.ts';
import { add } from '../ops/index.ts';
import { type AttentionResult, MultiHeadAttention } from './attention.ts';
import { LayerNorm } from './layer-norm.ts';
import { Mlp } from './mlp.ts';
import { Module } from './module.ts';

export interface TransformerLayerOptions {
  /** Feed-forward width (default 4 D). */
  readonly hidden?: number;
  /** Dropout on attention weights and residual branches (default 0). */
  readonly dropout?: number;
  readonly dtype?: 'float32' | 'float64';
}

/**
 * A pre-norm Transformer encoder layer:
 *   x = x + Dropout(MHA(LN(x)));  x = x + Dropout(FFN(LN(x))),  FFN = Linear(D, hidden) GELU Linear(hidden, D).
 * Shapes: x [B, T, D], keyPadding bool [B, T] -> [B, T, D] (and the attention weights [B, H, T, T]).
 */
export class TransformerEncoderLayer extends Module {
  readonly attention: MultiHeadAttention;
  readonly ffn: Mlp;
  private readonly norm1: LayerNorm;
  private readonly norm2: LayerNorm;

  constructor(name: string, readonly features: number, heads: number, private readonly options: TransformerLayerOptions = {}) {
    super(name);
    const dt = options.dtype ? { dtype: options.dtype } : {};
    this.attention = this.child(new MultiHeadAttention(`${name}.attn`, features, heads, { ...dt, dropout: options.dropout ?? 0 }));
    this.ffn = this.child(new Mlp(`${name}.ffn`, [features, options.hidden ?? 4 * features, features], { ...dt, activation: 'gelu' }));
    this.norm1 = this.child(new LayerNorm(`${name}.norm1`, features, dt));
    this.norm2 = this.child(new LayerNorm(`${name}.norm2`, features, dt));
  }

  forward(x: Tensor, keyPadding?: Tensor): { output: Tensor; weights: AttentionResult['weights'] } {
    const p = this.options.dropout ?? 0;
    const drop = (t: Tensor) => (p ? dropout(t, p) : t);
    const normed = this.norm1.forward(x);
    const attn = this.attention.forward({ query: normed, ...(keyPadding ? { keyPadding } : {}) });
    const h = add(x, drop(attn.output));
    return { output: add(h, drop(this.ffn.forward(this.norm2.forward(h)))), weights: attn.weights };
  }
}
