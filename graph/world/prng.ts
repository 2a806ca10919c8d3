/**
 * The world's seeded pseudo-random numbers: sfc32 (Small Fast Chaotic, 128-bit state, passes PractRand
 * to 2^40+), seeded through a string hash so that any tuple of parts — (seed, split, scene index, purpose)
 * — names an independent stream. Math.random is never used, so every file the world writes is a function
 * of its seed.
 */

/** 32-bit FNV-1a over the UTF-16 units of `text`, then mixed by murmur3's finalizer. */
function hash32(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seeded generator. Not cryptographic; fast and reproducible across platforms (integer arithmetic). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `parts` are joined into one key: `new Rng(7, 'train', 12)` and `new Rng('7', 'train', '12')` agree. */
  constructor(...parts: readonly (string | number)[]) {
    const key = parts.map(String).join('\u241f');
    this.a = hash32(key, 0x9e3779b9);
    this.b = hash32(key, 0x243f6a88);
    this.c = hash32(key, 0xb7e15162);
    this.d = hash32(key, 0x5bf03635) | 1;
    // Discard the first outputs: they still echo the seed hash.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform float in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element; throws on an empty list (a caller bug, not a data problem). */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('world/prng: pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index drawn with probability proportional to `weights` (non-negative, not all zero). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError('world/prng: weights must have a positive sum');
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Fisher-Yates shuffle of a copy. */
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }
}
