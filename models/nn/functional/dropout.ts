/**
 * Dropout with masks drawn inside the graph from a seed input, so every training step gets a fresh
 * mask and a resumed run draws exactly the same masks (the runtime feeds `dropout_seed` as a function
 * of the run seed and micro-step). In graphs built with training = false it is the identity.
 */
import { GraphError } from '../errors/graph-error.ts';
import { dimProduct } from '../graph/shape.ts';
import type { Tensor } from '../graph/tensor.ts';
import { DROPOUT_SEED_INPUT } from '../model/contract.ts';
import { add, arange, bitwiseXor, cast, div, greaterOrEqual, mod, mul, reshapeLike, sizeOf, where } from '../ops/index.ts';

const TWO_32 = 4294967296;

/** x ^ (x >> 16), then * 0x45d9f3b mod 2^32 (Mueller's 32-bit integer hash round); x in [0, 2^32). */
function mixRound(x: Tensor, multiply: boolean): Tensor {
  const mixed = bitwiseXor(x, div(x, 65536));
  return multiply ? mod(mul(mixed, 0x45d9f3b), TWO_32) : mixed;
}

/**
 * Uniform values in [0, 1) shaped like x, a hash of (seed, site, element index). All arithmetic is
 * int64 kept below 2^63: indices below 2^31 times constants below 2^31.
 */
export function hashUniform(x: Tensor, seed: Tensor, site: number, dtype: 'float32' | 'float64'): Tensor {
  const g = x.graph;
  const index = reshapeLike(arange(sizeOf(x), dimProduct(x.shape)), x);
  const offset = mod(add(mul(seed, 0x27d4eb2d), g.scalar((site * 0x165667b1) % TWO_32, 'int64')), TWO_32);
  let h = mod(add(mul(index, 0x5bd1e995), offset), TWO_32);
  h = mixRound(mixRound(mixRound(h, true), true), false);
  return div(cast(h, dtype), TWO_32);
}

/** The seed input of a training graph, created on first use. */
export function dropoutSeed(graph: Tensor['graph']): Tensor {
  return graph.memo('input:dropout-seed', () => graph.input(DROPOUT_SEED_INPUT, 'int64', [], 'hyper'));
}

/**
 * Inverted dropout: each element is zeroed with probability p and the rest are scaled by 1/(1 - p),
 * so eval graphs need no rescaling.
 */
export function dropout(x: Tensor, p: number): Tensor {
  if (!(p >= 0 && p < 1)) throw new GraphError(`nn/functional/dropout: p must be in [0, 1), got ${p}`);
  const g = x.graph;
  if (!g.training || p === 0) return x;
  const sites = g.memo('dropout:sites', () => ({ count: 0 }));
  const u = hashUniform(x, dropoutSeed(g), sites.count++, x.dtype === 'float64' ? 'float64' : 'float32');
  return where(greaterOrEqual(u, p), mul(x, 1 / (1 - p)), 0);
}
