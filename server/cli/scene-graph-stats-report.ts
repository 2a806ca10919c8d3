/** `sgvqa graph stats`: streams a scene-graphs file into the stats accumulator and formats the result. */
import { readGqaScenes } from '../../graph/formats/gqa-files.ts';
import { SceneGraphStatsAccumulator, type Histogram, type SceneGraphStats } from '../../graph/stats/scene-graph-stats.ts';
import { fileProgress } from './progress.ts';

export async function sceneGraphFileStats(path: string, topK: number): Promise<SceneGraphStats> {
  const accumulator = new SceneGraphStatsAccumulator();
  const progress = fileProgress('stats', path);
  try {
    for await (const [, scene] of readGqaScenes(path, { onBytes: progress.onBytes })) accumulator.add(scene);
  } finally {
    progress.stop();
  }
  return accumulator.result(topK);
}

function formatHistogram(title: string, histogram: Histogram, width = 40): string[] {
  const lines = [`${title}: min ${histogram.min}, mean ${histogram.mean.toFixed(2)}, max ${histogram.max}`];
  // Bucket wide ranges so the histogram fits on a screen.
  const span = histogram.max - histogram.min + 1;
  const bucket = Math.max(1, Math.ceil(span / 20));
  const buckets = new Map<number, number>();
  for (const [value, count] of histogram.bins) {
    const start = histogram.min + Math.floor((value - histogram.min) / bucket) * bucket;
    buckets.set(start, (buckets.get(start) ?? 0) + count);
  }
  const peak = Math.max(1, ...buckets.values());
  for (const [start, count] of [...buckets.entries()].sort((a, b) => a[0] - b[0])) {
    const label = bucket === 1 ? `${start}` : `${start}-${start + bucket - 1}`;
    lines.push(`  ${label.padStart(9)} | ${'#'.repeat(Math.max(1, Math.round((count / peak) * width)))} ${count}`);
  }
  return lines;
}

function formatTop(title: string, entries: [string, number][]): string {
  return `${title}: ${entries.map(([label, count]) => `${label} (${count})`).join(', ') || '-'}`;
}

export function formatStats(stats: SceneGraphStats): string {
  const lines = [
    `images      ${stats.images}`,
    `objects     ${stats.objects}`,
    `relations   ${stats.relations}`,
    `attributes  ${stats.attributes}`,
    `vocabulary  ${stats.vocabulary.names} names, ${stats.vocabulary.attributes} attributes, ` +
      `${stats.vocabulary.predicates} predicates, ${stats.vocabulary.locations} locations`,
    '',
    ...formatHistogram('objects per image', stats.objectsPerImage),
    ...formatHistogram('relations per image', stats.relationsPerImage),
    ...formatHistogram('attributes per object', stats.attributesPerObject),
    '',
    formatTop('top names', stats.topNames),
    formatTop('top attributes', stats.topAttributes),
    formatTop('top predicates', stats.topPredicates),
  ];
  return `${lines.join('\n')}\n`;
}
