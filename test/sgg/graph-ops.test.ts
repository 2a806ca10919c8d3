/**
 * The generator's own graph pieces run through onnxruntime and compared with direct computations: the
 * pair geometry (offsets, containment, the neighbour rank that decides which pairs the world stores
 * directions for, the look-up cell of each pair), TopK, box decoding and the space-to-depth stem.
 */
import { Tensor as OrtTensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { Graph, toOnnx } from '../../models/nn/index.ts';
import { createSession } from '../../models/nn/runtime/index.ts';
import { PAIR_FEATURES, pairGeometry } from '../../models/sgg/graph/pair-geometry.ts';
import { topK } from '../../models/sgg/graph/top-k.ts';
import { CHANNEL_LOGIT, channelLogits, decodeBoxes } from '../../models/sgg/network/contract-graph.ts';
import { spaceToDepth } from '../../models/sgg/network/backbone.ts';

type Box = [number, number, number, number];

// 0: a large box; 1: a small box inside it; 2, 3: boxes to the right; 4: far away but not valid.
const boxes: Box[] = [
  [0.1, 0.1, 0.4, 0.4],
  [0.2, 0.2, 0.3, 0.3],
  [0.5, 0.15, 0.6, 0.25],
  [0.7, 0.3, 0.8, 0.4],
  [0.15, 0.8, 0.25, 0.9],
];
const valid = [1, 1, 1, 1, 0];
const N = boxes.length;
const GRID = 32;

async function run(): Promise<{ features: Float32Array; cells: BigInt64Array }> {
  const g = new Graph('pairs');
  const b = g.input('boxes', 'float32', [1, N, 4]);
  const v = g.input('valid', 'float32', [1, N]);
  const out = pairGeometry(b, v, GRID);
  g.output('features', out.features);
  g.output('cells', out.cells);
  const session = await createSession(toOnnx(g), { threads: 1 });
  const result = await session.run({
    boxes: new OrtTensor('float32', Float32Array.from(boxes.flat()), [1, N, 4]),
    valid: new OrtTensor('float32', Float32Array.from(valid), [1, N]),
  });
  await session.release();
  expect(result.features!.dims).toEqual([1, N, N, PAIR_FEATURES]);
  return { features: result.features!.data as Float32Array, cells: result.cells!.data as BigInt64Array };
}

const centre = (b: Box) => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] as const;
const contains = (outer: Box, inner: Box) => inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];

/** Rank of j among i's neighbours: valid k != i, not linked to i by containment, strictly closer. */
function rank(i: number, j: number): number {
  const d = (a: number, b: number) => {
    const [ax, ay] = centre(boxes[a]!);
    const [bx, by] = centre(boxes[b]!);
    return (ax - bx) ** 2 + (ay - by) ** 2;
  };
  let r = 0;
  for (let k = 0; k < N; k++) {
    if (k === i || !valid[k] || contains(boxes[i]!, boxes[k]!) || contains(boxes[k]!, boxes[i]!)) continue;
    if (d(i, k) < d(i, j)) r++;
  }
  return r;
}

describe('pairGeometry', () => {
  it('matches a direct computation of offsets, containment and neighbour rank', async () => {
    const { features } = await run();
    const f = (i: number, j: number, k: number) => features[(i * N + j) * PAIR_FEATURES + k]!;
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        if (i === j) continue;
        const [cxi, cyi] = centre(boxes[i]!);
        const [cxj, cyj] = centre(boxes[j]!);
        expect(f(i, j, 0)).toBeCloseTo((cxi - cxj) * 4, 5);
        expect(f(i, j, 1)).toBeCloseTo((cyi - cyj) * 4, 5);
        expect(f(i, j, 4)).toBeCloseTo((Math.abs(cxi - cxj) - Math.abs(cyi - cyj)) * 8, 5);
        expect(f(i, j, 13)).toBe(contains(boxes[j]!, boxes[i]!) ? 1 : 0);
        expect(f(i, j, 14)).toBe(contains(boxes[i]!, boxes[j]!) ? 1 : 0);
        const r = rank(i, j);
        const oneHot = [r === 0, r === 1, r === 2, r >= 3].map(Number);
        expect([15, 16, 17, 18].map((k) => f(i, j, k))).toEqual(oneHot);
      }
    }
    // Spot checks of the world's rules: 1 is inside 0; for object 2, object 3 is farther than 0.
    expect(f(1, 0, 13)).toBe(1);
    expect(f(2, 3, 15) + f(2, 3, 16)).toBe(1);
  });

  it('looks up overlapping pairs at their intersection and others at the midpoint', async () => {
    const { cells } = await run();
    const cellOf = (x: number, y: number) => Math.floor(y * GRID) * GRID + Math.floor(x * GRID);
    // 0 and 1 overlap: intersection = box 1, centre (0.25, 0.25).
    expect(Number(cells[0 * N + 1])).toBe(cellOf(0.25, 0.25));
    // 2 and 3 do not: midpoint of (0.55, 0.2) and (0.75, 0.35).
    expect(Number(cells[2 * N + 3])).toBe(cellOf(0.65, 0.275));
  });
});

describe('topK', () => {
  it('returns the k largest values, sorted, with their indices', async () => {
    const g = new Graph('topk');
    const x = g.input('x', 'float32', [1, 6]);
    const { values, indices } = topK(x, 3);
    g.output('values', values);
    g.output('indices', indices);
    const session = await createSession(toOnnx(g), { threads: 1 });
    const r = await session.run({ x: new OrtTensor('float32', Float32Array.of(0.1, 0.9, 0.3, 0.7, 0.2, 0.8), [1, 6]) });
    expect(Array.from(r.values!.data as Float32Array)).toEqual([0.9, 0.8, 0.7].map(Math.fround));
    expect(Array.from(r.indices!.data as BigInt64Array, Number)).toEqual([1, 5, 3]);
    await session.release();
  });
});

describe('decodeBoxes', () => {
  it('turns cell offsets and log sizes into clamped corner boxes', async () => {
    const g = new Graph('boxes');
    const box = g.input('box', 'float32', [1, 2, 4]);
    const cells = g.input('cells', 'int64', [1, 2]);
    g.output('boxes', decodeBoxes(box, cells, 4));
    const session = await createSession(toOnnx(g), { threads: 1 });
    // Grid 4: cell 6 = (x 2, y 1); centre ((2 + 0.5) / 4, (1 + 0.25) / 4), size (e^0 / 4, e^ln2 / 4).
    const r = await session.run({
      box: new OrtTensor('float32', Float32Array.of(0.5, 0.25, 0, Math.LN2, 0, 0, Math.log(8), 0), [1, 2, 4]),
      cells: new OrtTensor('int64', BigInt64Array.of(6n, 0n), [1, 2]),
    });
    const out = Array.from(r.boxes!.data as Float32Array);
    const expected = [0.625 - 0.125, 0.3125 - 0.25, 0.625 + 0.125, 0.3125 + 0.25, 0, 0, 1, 0.125];
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    await session.release();
  });
});

describe('spaceToDepth', () => {
  it('folds each 2 x 2 block into channels (c, dy, dx)', async () => {
    const g = new Graph('s2d');
    const x = g.input('x', 'float32', [1, 2, 4, 4]);
    g.output('y', spaceToDepth(x));
    const session = await createSession(toOnnx(g), { threads: 1 });
    const data = Float32Array.from({ length: 32 }, (_, i) => i);
    const r = await session.run({ x: new OrtTensor('float32', data, [1, 2, 4, 4]) });
    expect(r.y!.dims).toEqual([1, 8, 2, 2]);
    const y = r.y!.data as Float32Array;
    for (let c = 0; c < 2; c++) {
      for (let dy = 0; dy < 2; dy++) {
        for (let dx = 0; dx < 2; dx++) {
          for (let i = 0; i < 2; i++) {
            for (let j = 0; j < 2; j++) {
              const out = y[((c * 4 + dy * 2 + dx) * 2 + i) * 2 + j];
              expect(out).toBe(data[(c * 4 + 2 * i + dy) * 4 + 2 * j + dx]);
            }
          }
        }
      }
    }
    await session.release();
  });
});

describe('channelLogits', () => {
  it('gives each detection the heatmap it came from as a confident one-hot', async () => {
    const g = new Graph('channels');
    const indices = g.input('indices', 'int64', [1, 3]);
    g.output('logits', channelLogits(indices, 1024, 2));
    const session = await createSession(toOnnx(g), { threads: 1 });
    const r = await session.run({ indices: new OrtTensor('int64', BigInt64Array.of(5n, 1030n, 2047n), [1, 3]) });
    expect(Array.from(r.logits!.data as Float32Array)).toEqual([CHANNEL_LOGIT, 0, 0, CHANNEL_LOGIT, 0, CHANNEL_LOGIT]);
    await session.release();
  });
});
