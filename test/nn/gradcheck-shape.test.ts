/** Finite-difference checks of the shape, indexing and reduction rules. */
import { describe, expect, it } from 'vitest';
import * as F from '../../models/nn/ops/index.ts';
import { type GradCase, gradCheck } from './helpers/index.ts';

const cases: GradCase[] = [
  { name: 'reshape [2,3,4] -> [6,4]', inputs: { x: { shape: [2, 3, 4] } }, build: (i) => F.reshape(i.x!, [6, 4]) },
  { name: 'reshape symbolic [N,3,4] -> [-1,4]', inputs: { x: { shape: [2, 3, 4], declare: ['N', 3, 4] } }, build: (i) => F.reshape(i.x!, [-1, 4]) },
  { name: 'transpose [2,3,4] perm [2,0,1]', inputs: { x: { shape: [2, 3, 4] } }, build: (i) => F.transpose(i.x!, [2, 0, 1]) },
  { name: 'expand [3,1] -> [2,3,4]', inputs: { x: { shape: [3, 1] } }, build: (i) => F.expand(i.x!, [2, 3, 4]) },
  { name: 'unsqueeze then squeeze', inputs: { x: { shape: [2, 3] } }, build: (i) => F.mul(F.squeeze(F.unsqueeze(i.x!, [0, 2]), [0]), 2) },
  { name: 'concat axis 1 (three inputs)', inputs: { a: { shape: [2, 1] }, b: { shape: [2, 3] }, c: { shape: [2, 2] } }, build: (i) => F.concat([i.a!, i.b!, i.c!], 1) },
  { name: 'concat reuse [x, x]', inputs: { x: { shape: [2, 3] } }, build: (i) => F.concat([i.x!, i.x!], 0) },
  {
    name: 'concat symbolic sizes',
    inputs: { a: { shape: [2, 3], declare: ['A', 3] }, b: { shape: [1, 3], declare: ['B', 3] } },
    build: (i) => F.concat([i.a!, i.b!], 0),
  },
  { name: 'split, one piece unused', inputs: { x: { shape: [2, 5] } }, build: (i) => F.split(i.x!, [2, 3], 1)[1]! },
  { name: 'split, pieces recombined', inputs: { x: { shape: [4, 3] } }, build: (i) => { const [a, b] = F.split(i.x!, [1, 3], 0); return F.mul(F.reduceSum(a!, [0], true), b!); } },
  { name: 'slice [1:3, -2:]', inputs: { x: { shape: [4, 5] } }, build: (i) => F.slice(i.x!, [1, -2], [3, F.SLICE_END]) },
  { name: 'slice symbolic axis', inputs: { x: { shape: [4, 5], declare: ['N', 5] } }, build: (i) => F.slice(i.x!, [1], [-1], [0]) },
  { name: 'pad', inputs: { x: { shape: [2, 3] } }, build: (i) => F.pad(i.x!, [1, 0], [0, 2], 0.5) },
  { name: 'gather axis 0, repeated indices', inputs: { x: { shape: [4, 3] }, i: { shape: [5], int64: [0, 2, 2, 3, 0] } }, build: (i) => F.gather(i.x!, i.i!, 0) },
  { name: 'gather axis 1, 2-D indices', inputs: { x: { shape: [2, 4, 3] }, i: { shape: [2, 2], int64: [1, 1, 3, 0] } }, build: (i) => F.gather(i.x!, i.i!, 1) },
  {
    name: 'gather plus a direct use (scatter folded into the sum)',
    inputs: { x: { shape: [4, 3] }, i: { shape: [4], int64: [1, 1, 3, 0] } },
    build: (i) => F.add(F.gather(i.x!, i.i!, 0), F.mul(i.x!, F.gather(i.x!, i.i!, 0))),
  },
  { name: 'gather negative index', inputs: { x: { shape: [4, 2] }, i: { shape: [3], int64: [-1, 0, -1] } }, build: (i) => F.gather(i.x!, i.i!, 0) },
  {
    name: 'gatherElements axis 1',
    inputs: { x: { shape: [3, 4] }, i: { shape: [3, 2], int64: [0, 3, 1, 1, 2, 0] } },
    build: (i) => F.gatherElements(i.x!, i.i!, 1),
  },
  { name: 'gatherND', inputs: { x: { shape: [3, 4, 2] }, i: { shape: [3, 2], int64: [0, 1, 2, 3, 0, 1] } }, build: (i) => F.gatherND(i.x!, i.i!) },
  {
    name: 'scatterElements add',
    inputs: { d: { shape: [3, 4] }, i: { shape: [2, 4], int64: [0, 1, 2, 0, 0, 1, 2, 2] }, u: { shape: [2, 4] } },
    build: (i) => F.scatterElements(i.d!, i.i!, i.u!, 0, 'add'),
  },
  {
    name: 'scatterElements none',
    inputs: { d: { shape: [3, 4] }, i: { shape: [1, 4], int64: [2, 0, 1, 2] }, u: { shape: [1, 4] } },
    build: (i) => F.scatterElements(i.d!, i.i!, i.u!, 0, 'none'),
  },
  {
    name: 'scatterND add (segment sum)',
    inputs: { d: { shape: [3, 2] }, i: { shape: [5, 1], int64: [0, 2, 2, 1, 0] }, u: { shape: [5, 2] } },
    build: (i) => F.scatterND(i.d!, i.i!, i.u!, 'add'),
  },
  {
    name: 'scatterND none',
    inputs: { d: { shape: [4, 2] }, i: { shape: [2, 1], int64: [3, 1] }, u: { shape: [2, 2] } },
    build: (i) => F.scatterND(i.d!, i.i!, i.u!, 'none'),
  },
  { name: 'reduceSum axes [0,2]', inputs: { x: { shape: [2, 3, 4] } }, build: (i) => F.reduceSum(i.x!, [0, 2]) },
  { name: 'reduceSum all, keepdims', inputs: { x: { shape: [2, 3] } }, build: (i) => F.reduceSum(i.x!, undefined, true) },
  { name: 'reduceMean axis -1', inputs: { x: { shape: [2, 3, 4] } }, build: (i) => F.reduceMean(i.x!, [-1]) },
  { name: 'reduceMean symbolic', inputs: { x: { shape: [3, 4], declare: ['N', 'M'] } }, build: (i) => F.reduceMean(i.x!, [0], true) },
  { name: 'reduceMax axis 1', inputs: { x: { shape: [3, 4] } }, build: (i) => F.reduceMax(i.x!, [1]) },
  {
    name: 'reduceMax with ties',
    inputs: { x: { shape: [2, 3], fill: [1, 5, 5, -2, -2, -3] } },
    build: (i) => F.reduceMax(i.x!, [1], true),
    kinks: true,
  },
];

describe('gradient rules: shapes, indexing, reductions (finite differences through onnxruntime)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const report = await gradCheck(c);
    expect(report.failures).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
  });
});
