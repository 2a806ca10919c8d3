/**
 * A data folder whose train / val / test splits are the committed world sample (samples/world), for
 * tests that train on it. Each split is a real folder holding links to the sample's files, so what a run
 * writes into a split (its view cache, `views/`) lands in the temporary folder, never in the repository.
 */
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared-data.ts';

export const worldSample = join(repoRoot, 'samples/world');

export function linkSampleSplits(dataDir: string, splits: readonly string[] = ['train', 'val', 'test']): void {
  const entries = readdirSync(worldSample).filter((name) => name !== 'views');
  for (const split of splits) {
    mkdirSync(join(dataDir, split), { recursive: true });
    for (const name of entries) symlinkSync(join(worldSample, name), join(dataDir, split, name));
  }
}
