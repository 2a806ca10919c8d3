/**
 * One training batch: B pool scenes drawn with replacement, each turned into a random augmented view
 * (boxes moved with it), then into feeds. Everything random comes from Rng(seed, 'batch', step), so a
 * batch is a function of the step: resumed runs see the same batches.
 */
import { Rng } from '../../../graph/world/index.ts';
import type { SggConfig } from '../config.ts';
import { type AugmentOptions, augmentView, transformBox } from './augment.ts';
import type { ScenePool } from './scene-pool.ts';
import { type TargetOptions, type TrainingExample, type TrainingFeeds, buildTrainingFeeds } from './targets.ts';

export interface BatchOptions {
  readonly batchSize: number;
  readonly seed: number | string;
  /** null: no augmentation (the clean images). */
  readonly augment: AugmentOptions | null;
  readonly targets: TargetOptions;
}

export async function trainingBatch(pool: ScenePool, step: number, config: SggConfig, options: BatchOptions): Promise<TrainingFeeds> {
  const rng = new Rng(options.seed, 'batch', step);
  const picks = Array.from({ length: options.batchSize }, () => pool.at(rng.int(0, pool.size - 1)));
  const examples: TrainingExample[] = [];
  for (const scene of picks) {
    const boxes = scene.sample.objects.map((o) => o.box);
    if (!options.augment) {
      examples.push({ image: scene.image, objects: scene.sample.objects, relations: scene.sample.relations });
      continue;
    }
    const view = await augmentView(scene.image, rng, boxes, options.augment);
    const objects = scene.sample.objects.map((o) => ({ ...o, box: transformBox(o.box, view.transform) }));
    examples.push({ image: view.image, objects, relations: scene.sample.relations });
  }
  return buildTrainingFeeds(examples, config, rng, options.targets);
}
