/**
 * Training feeds for one batch (the inputs and targets of network/training-definition.ts), from images
 * already at the model's input size and their samples (boxes already in the view's coordinates).
 *
 * Per object m of image b (the first M objects):
 *   centre c = box centre x G (grid units); cell (x, y) = floor(c); cells[b, m, n] = b G^2 + y' G + x'
 *   for the centre (n = 0) and its 8 neighbours (x', y') (clamped to the grid)
 *   box[b, m, n] = (c_x - x', c_y - y', log(w G), log(h G)); class and attributes repeated over n
 *   heat[b, ch] = max over objects of exp(-((u - x)^2 + (v - y)^2) / (2 sigma^2)), sigma = (2 r + 1) / 6
 *                 with r CenterNet's Gaussian radius for the box at overlap 0.7; ch = the object's value of
 *                 the heatmap group; exactly 1 at the centre cell
 *   pair_boxes = the boxes jittered by N(0, boxJitter^2) (the relation head must not rely on exact boxes)
 *   rel[b, i, j] = uniform over the pair's predicates, or one-hot "no relation"; rel_weight 1 for related
 *                  pairs, 1 with probability noRelationRate for unrelated ones, 0 for i = j and padding
 */
import type { ArrayFeed } from '../../nn/runtime/index.ts';
import type { Rng } from '../../../graph/world/index.ts';
import { type SggConfig, gridSize, headAttributeGroups, heatmapChannels } from '../config.ts';
import { SggError } from '../errors/sgg-error.ts';
import { type FloatImage, type RgbImage, writeInputTensor } from './raster.ts';
import type { SampleObject, SampleRelation } from './scene-sample.ts';

export interface TrainingExample {
  readonly image: RgbImage | FloatImage;
  readonly objects: readonly SampleObject[];
  readonly relations: readonly SampleRelation[];
}

export interface TargetOptions {
  /** Standard deviation of the pair-box jitter, normalized units (default 1 px of 256). */
  readonly boxJitter: number;
  /** Share of unrelated pairs that count in the relation loss per step (default 1: all). */
  readonly noRelationRate: number;
}

/** The centre cell first, then its 8 neighbours: the cells object heads are trained at. */
export const NEIGHBOURS: readonly (readonly [number, number])[] = [
  [0, 0], [-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1],
];
export const CELLS = NEIGHBOURS.length;

export const DEFAULT_TARGETS: TargetOptions = { boxJitter: 1 / 256, noRelationRate: 1 };

/** CenterNet's Gaussian radius: the largest centre shift keeping IoU >= minOverlap (three cases, the smallest). */
export function gaussianRadius(h: number, w: number, minOverlap = 0.7): number {
  const b1 = h + w;
  const c1 = (w * h * (1 - minOverlap)) / (1 + minOverlap);
  const r1 = (b1 + Math.sqrt(b1 * b1 - 4 * c1)) / 2;
  const b2 = 2 * (h + w);
  const c2 = (1 - minOverlap) * w * h;
  const r2 = (b2 + Math.sqrt(b2 * b2 - 16 * c2)) / 2;
  const a3 = 4 * minOverlap;
  const b3 = -2 * minOverlap * (h + w);
  const c3 = (minOverlap - 1) * w * h;
  const r3 = (b3 + Math.sqrt(b3 * b3 - 4 * a3 * c3)) / 2;
  return Math.min(r1, r2, r3);
}

/** Draws a Gaussian peak of height 1 at integer cell (x, y) into one G x G map, keeping the maximum. */
export function splatGaussian(map: Float32Array, offset: number, grid: number, x: number, y: number, radius: number): void {
  const r = Math.max(0, Math.floor(radius));
  const sigma = (2 * r + 1) / 6;
  const k = -1 / (2 * sigma * sigma);
  for (let v = Math.max(0, y - r); v <= Math.min(grid - 1, y + r); v++) {
    for (let u = Math.max(0, x - r); u <= Math.min(grid - 1, x + r); u++) {
      const value = Math.exp(((u - x) ** 2 + (v - y) ** 2) * k);
      const at = offset + v * grid + u;
      if (value > map[at]!) map[at] = value;
    }
  }
}

function gaussianNoise(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(Math.max(rng.next(), 1e-12))) * Math.cos(2 * Math.PI * rng.next());
}

export type TrainingFeeds = Record<string, ArrayFeed>;

export function buildTrainingFeeds(examples: readonly TrainingExample[], config: SggConfig, rng: Rng, options: TargetOptions = DEFAULT_TARGETS): TrainingFeeds {
  const a = config.architecture;
  const B = examples.length;
  const M = a.maxObjects;
  const S = a.inputSize;
  const G = gridSize(a);
  const Ch = heatmapChannels(config);
  const R = config.labels.predicates.length;
  const groups = config.labels.attributeGroups;
  const heatGroup = a.heatmapGroup === null ? -1 : groups.findIndex((g) => g.name === a.heatmapGroup);
  const headGroups = headAttributeGroups(config).map((g) => groups.indexOf(g));

  const image = new Float32Array(B * 3 * S * S);
  const cells = new BigInt64Array(B * M * CELLS);
  const pairBoxes = new Float32Array(B * M * 4);
  const valid = new Float32Array(B * M);
  const heat = new Float32Array(B * Ch * G * G);
  const box = new Float32Array(B * M * CELLS * 4);
  const classes = new BigInt64Array(B * M * CELLS).fill(-100n);
  const attrs = headGroups.map(() => new BigInt64Array(B * M * CELLS).fill(-100n));
  const rel = new Float32Array(B * M * M * R);
  const relWeight = new Float32Array(B * M * M);

  examples.forEach((example, b) => {
    if (example.image.width !== S || example.image.height !== S) {
      throw new SggError(`sgg/targets: image ${b} is ${example.image.width}x${example.image.height}, expected ${S}x${S}`);
    }
    writeInputTensor(example.image, config.normalization, image, b * 3 * S * S);
    const objects = example.objects.slice(0, M);
    objects.forEach((o, m) => {
      const [x1, y1, x2, y2] = o.box;
      const cx = ((x1 + x2) / 2) * G;
      const cy = ((y1 + y2) / 2) * G;
      const gx = Math.min(G - 1, Math.max(0, Math.floor(cx)));
      const gy = Math.min(G - 1, Math.max(0, Math.floor(cy)));
      const w = Math.max(x2 - x1, 1e-3) * G;
      const h = Math.max(y2 - y1, 1e-3) * G;
      const i = b * M + m;
      NEIGHBOURS.forEach(([du, dv], n) => {
        const x = Math.min(G - 1, Math.max(0, gx + du));
        const y = Math.min(G - 1, Math.max(0, gy + dv));
        const at = i * CELLS + n;
        cells[at] = BigInt(b * G * G + y * G + x);
        box.set([cx - x, cy - y, Math.log(w), Math.log(h)], at * 4);
        if (o.classIndex >= 0) classes[at] = BigInt(o.classIndex);
        headGroups.forEach((g, k) => {
          const v = o.attributes[g]!;
          if (v >= 0) attrs[k]![at] = BigInt(v);
        });
      });
      valid[i] = 1;
      const jitter = options.boxJitter;
      pairBoxes.set(o.box.map((v) => v + jitter * gaussianNoise(rng)), i * 4);
      const channel = heatGroup < 0 ? 0 : Math.max(0, o.attributes[heatGroup]!);
      splatGaussian(heat, (b * Ch + channel) * G * G, G, gx, gy, gaussianRadius(h, w));
    });
    const predicates = new Map<number, number[]>();
    for (const r of example.relations) {
      if (r.subject >= M || r.object >= M) continue;
      const key = r.subject * M + r.object;
      const list = predicates.get(key) ?? [];
      if (!list.includes(r.predicate)) list.push(r.predicate);
      predicates.set(key, list);
    }
    for (let i = 0; i < objects.length; i++) {
      for (let j = 0; j < objects.length; j++) {
        if (i === j) continue;
        const pair = (b * M + i) * M + j;
        const list = predicates.get(i * M + j);
        if (list) {
          for (const p of list) rel[pair * R + p] = 1 / list.length;
          relWeight[pair] = 1;
        } else {
          rel[pair * R] = 1;
          relWeight[pair] = options.noRelationRate >= 1 || rng.chance(options.noRelationRate) ? 1 : 0;
        }
      }
    }
  });

  const feeds: TrainingFeeds = {
    image: { data: image, dims: [B, 3, S, S] },
    cells: { data: cells, dims: [B, M, CELLS] },
    pair_boxes: { data: pairBoxes, dims: [B, M, 4] },
    valid: { data: valid, dims: [B, M] },
    heat: { data: heat, dims: [B, Ch, G, G] },
    box: { data: box, dims: [B, M, CELLS, 4] },
    class: { data: classes, dims: [B, M, CELLS] },
    rel: { data: rel, dims: [B, M, M, R] },
    rel_weight: { data: relWeight, dims: [B, M, M] },
  };
  headGroups.forEach((g, k) => (feeds[`attr_${groups[g]!.name}`] = { data: attrs[k]!, dims: [B, M, CELLS] }));
  return feeds;
}
