/**
 * Where the real public sample data lives (../shared/data beside the repository). Tests that read it
 * skip, with a note, where it is absent.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDataDir = resolve(repoRoot, '../shared/data');

/** The absolute path of a file under ../shared/data, and whether it exists. */
export function sharedData(...parts: string[]): { path: string; present: boolean } {
  const path = join(sharedDataDir, ...parts);
  const present = existsSync(path);
  if (!present) console.warn(`skipping: ${path} is absent (real sample data lives in ../shared/data)`);
  return { path, present };
}
