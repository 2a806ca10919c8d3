/**
 * Question encoder: token embeddings + learned positions -> pre-norm Transformer encoder layers ->
 * LayerNorm, then T + 1 learned queries attend over the tokens (padding masked): the first T outputs
 * are the instruction vectors of the reasoning rounds, the last one is the question vector q.
 * Shapes: tokens int64 [B, L], pad bool [B, L] (true = padding) -> instructions [B, T, D], question [B, D].
 */
import { type Parameter, modules, ops, type Tensor } from '../../nn/index.ts';

const { Expand, add, arange, concat, dimOf, gather, reshape, slice, squeeze } = ops;

export class QuestionEncoder extends modules.Module {
  private readonly tokens: modules.Embedding;
  private readonly positions: modules.Embedding;
  private readonly layers: modules.TransformerEncoderLayer[];
  private readonly norm: modules.LayerNorm;
  private readonly queries: Parameter;
  private readonly pool: modules.MultiHeadAttention;
  private readonly poolNorm: modules.LayerNorm;

  constructor(name: string, words: number, maxTokens: number, readonly hidden: number, heads: number, layers: number, readonly rounds: number, dropout: number) {
    super(name);
    this.tokens = this.child(new modules.Embedding(`${name}.tokens`, words, hidden, { std: 0.1 }));
    this.positions = this.child(new modules.Embedding(`${name}.positions`, maxTokens, hidden, { std: 0.1 }));
    this.layers = Array.from({ length: layers }, (_, i) => this.child(new modules.TransformerEncoderLayer(`${name}.layer${i}`, hidden, heads, { dropout, hidden: 2 * hidden })));
    this.norm = this.child(new modules.LayerNorm(`${name}.norm`, hidden));
    this.queries = this.param('queries', [rounds + 1, hidden], { init: { kind: 'normal', mean: 0, std: 0.1 } });
    this.pool = this.child(new modules.MultiHeadAttention(`${name}.pool`, hidden, heads));
    this.poolNorm = this.child(new modules.LayerNorm(`${name}.pool_norm`, hidden));
  }

  forward(tokens: Tensor, pad: Tensor): { instructions: Tensor; question: Tensor } {
    const g = tokens.graph;
    const length = reshape(dimOf(tokens, 1), []);
    let x = add(this.tokens.forward(tokens), this.positions.forward(arange(length, tokens.shape[1]!)));
    for (const layer of this.layers) x = layer.forward(x, pad).output;
    x = this.norm.forward(x);
    const k = this.rounds + 1;
    const shape = concat([dimOf(tokens, 0), g.ints([k, this.hidden])], 0);
    const queries = g.apply(Expand, [this.use(this.queries, tokens), shape], { outShape: [tokens.shape[0]!, k, this.hidden] })[0]!;
    const pooled = this.poolNorm.forward(add(queries, this.pool.forward({ query: queries, key: x, keyPadding: pad }).output));
    return {
      instructions: slice(pooled, [0], [this.rounds], [1]),
      question: squeeze(slice(pooled, [this.rounds], [k], [1]), [1]),
    };
  }
}

/** Rows `ids` of a [B, D] tensor (e.g. each node's instruction from its graph index). */
export function perGraph(values: Tensor, ids: Tensor): Tensor {
  return gather(values, ids, 0);
}
