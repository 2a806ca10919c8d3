/**
 * The shipped generator (models/pretrained/sgg.onnx + sgg.json): it loads through the contract loader,
 * its manifest carries the training record and test metrics, and on a few world test scenes (rendered
 * here, the same scenes as `sgvqa world generate --split test --seed 0`) it finds the objects with their
 * names and attributes and relates them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relationsOf } from '../../graph/scene-graph.ts';
import { Rng, renderScenePng, sampleWorldScene, worldSceneGraph } from '../../graph/world/index.ts';
import { boxIou } from '../../models/sgg/inference/decode.ts';
import { loadSceneGraphGenerator } from '../../models/sgg/inference/generator.ts';
import { repoRoot } from '../helpers/shared-data.ts';

const model = join(repoRoot, 'models/pretrained/sgg.onnx');
const present = existsSync(model);
if (!present) console.warn(`skipping: ${model} is absent (build it with npm run train:sgg)`);

describe.skipIf(!present)('the shipped scene-graph generator', () => {
  it('loads, and its manifest records how it was trained and what it measured', async () => {
    const generator = await loadSceneGraphGenerator(model);
    const m = generator.manifest as typeof generator.manifest & { training: { seed: number; data: unknown }; metrics: { test: { detection: { mAP50: number } } } };
    expect(m.labels.classes).toEqual(['circle', 'square', 'triangle', 'star', 'hexagon', 'diamond']);
    expect(m.labels.predicates[0]).toBe('no relation');
    expect(typeof m.training.seed).toBe('number');
    expect(m.training.data).toBeTruthy();
    expect(m.metrics.test.detection.mAP50).toBeGreaterThan(0.5);
    await generator.release();
  });

  it('finds the objects of world test scenes with their names, attributes and relations', async () => {
    const generator = await loadSceneGraphGenerator(model);
    let objects = 0;
    let found = 0;
    let attributesRight = 0;
    let relations = 0;
    let relationsFound = 0;
    for (let i = 0; i < 6; i++) {
      const scene = sampleWorldScene(new Rng(0, 'test', i, 'scene'), `test-${i}`);
      const truth = worldSceneGraph(scene);
      const { graph } = await generator.predict(await renderScenePng(scene), scene.imageId);
      const predicted = graph.mapNodes((_id, a) => a);
      const matchOf = new Map<string, string>();
      truth.forEachNode((id, t) => {
        objects++;
        const tb = [t.box.x, t.box.y, t.box.x + t.box.w, t.box.y + t.box.h] as const;
        const hit = predicted.find((p) => p.name === t.name && boxIou(tb, [p.box.x, p.box.y, p.box.x + p.box.w, p.box.y + p.box.h]) >= 0.5);
        if (!hit) return;
        found++;
        matchOf.set(id, hit.id);
        if (hit.attributes.join() === t.attributes.join()) attributesRight++;
      });
      const predictedEdges = new Set(relationsOf(graph).map((r) => `${r.subject}|${r.predicate}|${r.object}`));
      for (const r of relationsOf(truth)) {
        relations++;
        if (predictedEdges.has(`${matchOf.get(r.subject)}|${r.predicate}|${matchOf.get(r.object)}`)) relationsFound++;
      }
    }
    expect(found / objects).toBeGreaterThanOrEqual(0.9);
    expect(attributesRight / objects).toBeGreaterThanOrEqual(0.85);
    expect(relationsFound / relations).toBeGreaterThanOrEqual(0.75);
    await generator.release();
  });
});
