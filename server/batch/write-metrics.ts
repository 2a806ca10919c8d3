/** Writes `metrics.json` into an output folder atomically (a crash never leaves a half-written file). */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../graph/io/atomic-write.ts';
import type { GqaMetrics } from './metrics/gqa-metrics.ts';

/** `outDir/metrics.json` (the folder is created if needed); returns the file's path. */
export async function writeMetricsJson(outDir: string, metrics: GqaMetrics): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, 'metrics.json');
  await writeFileAtomic(path, `${JSON.stringify(metrics, null, 2)}\n`);
  return path;
}
