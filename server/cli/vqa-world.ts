/**
 * The standard shapes-world data the shipped VQA model is trained on (`sgvqa train --generate-world`,
 * `npm run train:vqa`): splits written where missing, deterministic from the seed, so a rebuild sees
 * the same data.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { progressBar } from './progress.ts';

export const STANDARD_WORLD = [
  { split: 'train', scenes: 8000, questionsPerScene: 12 },
  { split: 'val', scenes: 500, questionsPerScene: 10 },
  { split: 'test', scenes: 1000, questionsPerScene: 10 },
] as const;
export const STANDARD_WORLD_SEED = 6;

export async function generateStandardWorld(dataDir: string): Promise<void> {
  const { generateWorldDataset } = await import('../../graph/world/dataset.ts');
  for (const { split, scenes, questionsPerScene } of STANDARD_WORLD) {
    const out = join(dataDir, split);
    if (existsSync(join(out, 'manifest.json'))) continue;
    const bar = progressBar(`world ${split}`, scenes, 'scenes');
    try {
      await generateWorldDataset({ out, scenes, questionsPerScene, seed: STANDARD_WORLD_SEED, split, onProgress: (done) => bar.update(done) });
    } finally {
      bar.stop();
    }
  }
}
