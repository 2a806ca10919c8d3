/** Finite-difference checks of every elementwise rule at negative, zero and positive points, plus reuse. */
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../models/nn/graph/tensor.ts';
import * as F from '../../models/nn/ops/index.ts';
import { type Fill, type GradCase, gradCheck } from './helpers/index.ts';

type Unary = (x: Tensor) => Tensor;
const S = [2, 3];

/** [op name, function, points it is defined at, points that are kinks] */
const unary: [string, Unary, Fill[], Fill[]][] = [
  ['neg', F.neg, ['negative', 'zero', 'positive'], []],
  ['exp', F.exp, ['negative', 'zero', 'positive'], []],
  ['log', F.log, ['positive'], []],
  ['sqrt', F.sqrt, ['positive'], []],
  ['reciprocal', F.reciprocal, ['negative', 'positive'], []],
  ['abs', F.abs, ['negative', 'positive'], ['zero']],
  ['tanh', F.tanh, ['negative', 'zero', 'positive'], []],
  ['sigmoid', F.sigmoid, ['negative', 'zero', 'positive'], []],
  ['relu', F.relu, ['negative', 'positive'], ['zero']],
  ['erf', F.erf, ['negative', 'zero', 'positive'], []],
  ['sign', (x) => F.mul(F.sign(x), x), ['negative', 'positive'], []],
  ['identity', F.identity, ['mixed'], []],
];

const unaryCases: GradCase[] = unary.flatMap(([name, fn, smooth, kinks]) => [
  ...smooth.map((fill) => ({ name: `${name} at ${fill}`, inputs: { x: { shape: S, fill } }, build: (i: Record<string, Tensor>) => fn(i.x!) })),
  ...kinks.map((fill) => ({ name: `${name} at ${fill} (kink)`, inputs: { x: { shape: S, fill } }, build: (i: Record<string, Tensor>) => fn(i.x!), kinks: true })),
]);

type Binary = (a: Tensor, b: Tensor) => Tensor;
const binary: [string, Binary, Fill, Fill][] = [
  ['add', F.add, 'mixed', 'mixed'],
  ['sub', F.sub, 'mixed', 'mixed'],
  ['mul', F.mul, 'mixed', 'mixed'],
  ['div', F.div, 'mixed', 'positive'],
  ['div by negative', F.div, 'mixed', 'negative'],
  ['pow', F.pow, 'positive', 'mixed'],
  ['max', F.max, 'mixed', 'mixed'],
  ['min', F.min, 'mixed', 'mixed'],
];

/** Broadcast pairs: same shape, trailing vector, column, scalar, both sides broadcast. */
const shapes: [number[], number[]][] = [
  [[2, 3], [2, 3]],
  [[2, 3], [3]],
  [[2, 3], [2, 1]],
  [[2, 3], []],
  [[2, 1, 3], [4, 1]],
];

const binaryCases: GradCase[] = binary.flatMap(([name, fn, fa, fb]) =>
  shapes.map(([sa, sb]) => ({
    name: `${name} [${sa}] x [${sb}]`,
    inputs: { a: { shape: sa, fill: fa }, b: { shape: sb, fill: fb } },
    build: (i: Record<string, Tensor>) => fn(i.a!, i.b!),
  })),
);

const otherCases: GradCase[] = [
  { name: 'reuse x*x', inputs: { x: { shape: S } }, build: (i) => F.mul(i.x!, i.x!) },
  { name: 'reuse x+x', inputs: { x: { shape: S } }, build: (i) => F.add(i.x!, i.x!) },
  { name: 'reuse x*x at zero', inputs: { x: { shape: S, fill: 'zero' } }, build: (i) => F.mul(i.x!, i.x!) },
  { name: 'reuse x/x+x', inputs: { x: { shape: S, fill: 'positive' } }, build: (i) => F.add(F.div(i.x!, i.x!), i.x!) },
  { name: 'chain exp(tanh(x))*x', inputs: { x: { shape: S } }, build: (i) => F.mul(F.exp(F.tanh(i.x!)), i.x!) },
  { name: 'pow with constant exponent at negative base', inputs: { x: { shape: S, fill: 'negative' } }, build: (i) => F.pow(i.x!, 3) },
  { name: 'pow squared at zero', inputs: { x: { shape: S, fill: 'zero' } }, build: (i) => F.pow(i.x!, 2) },
  { name: 'max ties', inputs: { a: { shape: [4], fill: [1, 2, -1, 0.5] }, b: { shape: [4], fill: [0, 2, -2, 3] } }, build: (i) => F.max(i.a!, i.b!), kinks: true },
  {
    name: 'where with broadcast branches',
    inputs: { c: { shape: [2, 3], bool: [true, false, true, false, false, true] }, a: { shape: [3] }, b: { shape: [2, 1] } },
    build: (i) => F.where(i.c!, i.a!, i.b!),
  },
  { name: 'sum of three (variadic)', inputs: { a: { shape: [2, 3] }, b: { shape: [3] }, c: { shape: [] } }, build: (i) => F.sum([i.a!, i.b!, i.c!]) },
  {
    name: 'symbolic broadcast (run-time un-broadcast)',
    inputs: { a: { shape: [2, 3], declare: ['A', 'B'] }, b: { shape: [1, 3], declare: ['C', 'D'] } },
    build: (i) => F.mul(i.a!, i.b!),
  },
  // float32 -> float64 -> float32 is exact, so the check runs in float32 (a float64 start would round).
  { name: 'cast float32 -> float64 -> float32', dtype: 'float32', inputs: { x: { shape: S } }, build: (i) => F.cast(F.mul(F.cast(i.x!, 'float64'), F.cast(i.x!, 'float64')), 'float32') },
];

describe('gradient rules: elementwise (finite differences through onnxruntime)', () => {
  it.each([...unaryCases, ...binaryCases, ...otherCases].map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const report = await gradCheck(c);
    expect(report.failures).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
  });
});
