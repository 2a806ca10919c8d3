/** Dropout masks come from an in-graph hash of (seed, site, index): uniform, fresh per step, reproducible. */
import { describe, expect, it } from 'vitest';
import { Graph } from '../../models/nn/graph/graph.ts';
import { dropout, hashUniform } from '../../models/nn/functional/index.ts';
import { DROPOUT_SEED_INPUT } from '../../models/nn/model/index.ts';
import { runGraph } from './helpers/index.ts';

const N = 4096;
const ones = { data: new Float32Array(N).fill(1), dims: [64, 64] };
const seed = (s: number) => ({ data: BigInt64Array.of(BigInt(s)), dims: [] });

describe('dropout', () => {
  it('draws uniform values with no visible structure', async () => {
    const g = new Graph('hash', { training: true });
    const x = g.input('x', 'float32', [64, 64]);
    g.output('u', hashUniform(x, g.input('s', 'int64', []), 0, 'float32'));
    const u = (await runGraph(g, { x: ones, s: seed(12345) })).u!.data as Float32Array;
    const mean = u.reduce((a, b) => a + b, 0) / N;
    const variance = u.reduce((a, b) => a + (b - mean) ** 2, 0) / N;
    let lag = 0;
    for (let i = 1; i < N; i++) lag += (u[i]! - mean) * (u[i - 1]! - mean);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.005);
    expect(Math.abs(lag / (N - 1) / variance)).toBeLessThan(0.05);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
  });

  it('zeroes about p of the elements, rescales the rest, and changes with the seed only', async () => {
    const g = new Graph('drop', { training: true });
    const x = g.input('x', 'float32', [64, 64]);
    g.output('y', dropout(x, 0.3));
    expect(g.findInput(DROPOUT_SEED_INPUT)).toBeDefined();
    const run = async (s: number) => (await runGraph(g, { x: ones, [DROPOUT_SEED_INPUT]: seed(s) })).y!.data as Float32Array;
    const [a, b, a2] = [await run(1), await run(2), await run(1)];
    const zeros = a.filter((v) => v === 0).length / N;
    expect(Math.abs(zeros - 0.3)).toBeLessThan(0.03);
    expect(a.filter((v) => v !== 0).every((v) => Math.abs(v - 1 / 0.7) < 1e-6)).toBe(true);
    expect(Array.from(a2)).toEqual(Array.from(a));
    const same = a.filter((v, i) => (v === 0) === (b[i] === 0)).length / N;
    expect(same).toBeLessThan(0.65); // independent masks agree on 0.3^2 + 0.7^2 = 58 %
  });

  it('is the identity in graphs built for evaluation', () => {
    const g = new Graph('eval', { training: false });
    const x = g.input('x', 'float32', [4]);
    expect(dropout(x, 0.5)).toBe(x);
    expect(g.findInput(DROPOUT_SEED_INPUT)).toBeUndefined();
  });
});
