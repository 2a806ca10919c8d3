/** A plain-text table of scene-graph generator metrics, for the CLI. */
import { PROTOCOLS, type SggMetrics } from './evaluate.ts';

const pct = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '   n/a' : `${(v * 100).toFixed(1).padStart(6)}`);

export function formatSggMetrics(views: readonly { label: string; metrics: SggMetrics }[]): string {
  const lines: string[] = [];
  const head = (name: string) => `${name.padEnd(28)}${views.map((v) => v.label.padStart(12)).join('')}`;
  const row = (name: string, get: (m: SggMetrics) => number | undefined) => `${name.padEnd(28)}${views.map((v) => pct(get(v.metrics)).padStart(12)).join('')}`;
  const first = views[0]!.metrics;
  lines.push(`${first.images} images, ${first.objects} objects, ${first.triplets} relation triplets (percentages)`);
  lines.push(head(''));
  lines.push(row('object mAP@0.5', (m) => m.detection.mAP50));
  lines.push(row('detection precision @0.3', (m) => m.detection.precision));
  lines.push(row('detection recall @0.3', (m) => m.detection.recall));
  lines.push(row('class accuracy (matched)', (m) => m.classAccuracy));
  for (const g of Object.keys(first.attributeAccuracy)) lines.push(row(`${g} accuracy (matched)`, (m) => m.attributeAccuracy[g]));
  for (const p of PROTOCOLS) {
    for (const k of Object.keys(first.recall[p])) lines.push(row(`${p.toUpperCase()} ${k}`, (m) => m.recall[p][k]));
  }
  for (const c of Object.keys(first.detection.perClassAP)) lines.push(row(`  AP ${c}`, (m) => m.detection.perClassAP[c]));
  return `${lines.join('\n')}\n`;
}
