/**
 * Training scenes of the shapes world, rendered on the fly and kept in a fixed-size pool. Scene i of the
 * stream is `sampleWorldScene(new Rng(worldSeed, split, i, 'scene'))`, exactly scene i of
 * `sgvqa world generate --split <split> --seed <worldSeed>`. The pool starts with scenes 0..P-1; at step
 * t the slot t mod P is replaced by scene P + t, rendered ahead of time (a few steps of look-ahead) so the
 * renderer overlaps training. The pool's content is a function of the step alone, so a resumed run sees
 * the same scenes.
 */
import { Rng, renderScenePng, sampleWorldScene, worldSceneGraph } from '../../../graph/world/index.ts';
import type { ImageGeometry } from '../inference/image-input.ts';
import { decodeImage, toInputRaster } from '../inference/image-input.ts';
import type { RgbImage } from './raster.ts';
import { type LabelIndex, type SceneSample, sceneSample } from './scene-sample.ts';

export interface PoolScene {
  readonly index: number;
  /** The input-size raster. */
  readonly image: RgbImage;
  readonly sample: SceneSample;
}

/** Renders scene `index` of a world split through the same decode path inference uses. */
export async function renderWorldScene(worldSeed: number | string, split: string, index: number, labels: LabelIndex, geometry: ImageGeometry): Promise<PoolScene> {
  const imageId = `${split}-${String(index).padStart(6, '0')}`;
  const scene = sampleWorldScene(new Rng(worldSeed, split, index, 'scene'), imageId);
  const png = await renderScenePng(scene);
  const { image } = await decodeImage(png, geometry, imageId);
  return { index, image: toInputRaster(image, geometry), sample: sceneSample(worldSceneGraph(scene), labels) };
}

export interface ScenePoolOptions {
  readonly worldSeed: number | string;
  readonly split: string;
  readonly size: number;
  /** Scenes rendered ahead of the step that needs them (default 8). */
  readonly lookahead?: number;
  /** Scenes rendered at once while filling (default 4). */
  readonly concurrency?: number;
}

export class ScenePool {
  private readonly slots: PoolScene[] = [];
  private readonly pending = new Map<number, Promise<PoolScene>>();
  private lastStep = -1;

  private constructor(
    private readonly options: ScenePoolOptions,
    private readonly labels: LabelIndex,
    private readonly geometry: ImageGeometry,
  ) {}

  /** The pool as it is at the start of `step`. `onProgress(done, total)` reports the initial fill. */
  static async create(options: ScenePoolOptions, labels: LabelIndex, geometry: ImageGeometry, step = 0, onProgress?: (done: number, total: number) => void): Promise<ScenePool> {
    const pool = new ScenePool(options, labels, geometry);
    const wanted = Array.from({ length: options.size }, (_, slot) => pool.sceneInSlot(slot, step));
    const concurrency = options.concurrency ?? 4;
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < wanted.length) {
        const slot = next++;
        pool.slots[slot] = await pool.render(wanted[slot]!);
        onProgress?.(++done, wanted.length);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    pool.lastStep = step - 1;
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Scene index held by `slot` at the start of `step`: the latest replacement before it, else the slot's initial scene. */
  sceneInSlot(slot: number, step: number): number {
    const size = this.options.size;
    if (step <= slot) return slot;
    const lastReplacement = slot + Math.floor((step - 1 - slot) / size) * size;
    return size + lastReplacement;
  }

  private render(index: number): Promise<PoolScene> {
    return renderWorldScene(this.options.worldSeed, this.options.split, index, this.labels, this.geometry);
  }

  /** Brings the pool to the start of `step` + 1 (replacing slot step mod P) and starts rendering ahead. */
  async advance(step: number): Promise<void> {
    const size = this.options.size;
    for (let s = this.lastStep + 1; s <= step; s++) {
      const index = size + s;
      const scene = await (this.pending.get(index) ?? this.render(index));
      this.pending.delete(index);
      this.slots[s % size] = scene;
    }
    this.lastStep = Math.max(this.lastStep, step);
    const lookahead = this.options.lookahead ?? 8;
    for (let s = step + 1; s <= step + lookahead; s++) {
      const index = size + s;
      if (!this.pending.has(index)) this.pending.set(index, this.render(index));
    }
  }

  at(slot: number): PoolScene {
    return this.slots[slot]!;
  }

  /** Waits for renders in flight (call before exiting). */
  async drain(): Promise<void> {
    await Promise.allSettled(this.pending.values());
    this.pending.clear();
  }
}
