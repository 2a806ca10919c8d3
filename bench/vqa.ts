/**
 * VQA inference figures on this machine (DESIGN §7 targets: GNN + head <= 2 ms per question at batch 1;
 * end-to-end `answer` on a 256 x 256 PNG <= 15 ms median):
 * 1. the VQA ONNX model alone (question encoder, graph encoder, reasoning rounds, classifier) at batch 1;
 * 2. question encoding + graph tensorization + the model (`answer` on a given scene graph);
 * 3. `answer` on a PNG: decoding, the scene-graph generator, the location classifier, then 2.;
 * 4. batched evaluation throughput (questions per second at batch 256, graphs given).
 * Medians of repeated runs after warm-up, with the process CPU time per call and the load averages, since
 * the machine is shared. Run: node bin/run-ts.js bench/vqa.ts [--vqa FILE] [--sgg FILE] [--threads N]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readSceneGraphs } from '../graph/formats/gqa-files.ts';
import type { SceneGraph } from '../graph/scene-graph.ts';
import { BatchBuilder } from '../models/vqa/data/batch-builder.ts';
import { encodeExamples } from '../models/vqa/data/examples.ts';
import { annotatedSource } from '../models/vqa/data/graph-source.ts';
import { loadSplit } from '../models/vqa/data/vqa-split.ts';
import { answer } from '../models/vqa/infer/answer.ts';
import { loadVqaModel } from '../models/vqa/infer/vqa-model.ts';
import { loadSceneGraphGenerator } from '../models/sgg/index.ts';
import { timeIt } from './nn/timing.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    vqa: { type: 'string', default: join(root, 'models/pretrained/vqa.onnx') },
    sgg: { type: 'string', default: join(root, 'models/pretrained/sgg.onnx') },
    threads: { type: 'string', default: '1' },
  },
});
const threads = Number(values.threads);
const load = () => loadavg().map((v) => v.toFixed(2)).join(' / ');
console.log(`load average at start: ${load()} (1 / 5 / 15 min), onnxruntime threads: ${threads}`);

const sample = join(root, 'samples/world');
const split = await loadSplit(sample);
const graphs: SceneGraph[] = [];
for await (const g of readSceneGraphs(join(sample, 'sceneGraphs.json'))) graphs.push(g);
const model = await loadVqaModel(values.vqa, { threads });
const examples = encodeExamples(split.questions, model.vocabularies.words, model.vocabularies.answers);
const source = annotatedSource(split.graphs);
const builder = new BatchBuilder(model.vocabularies.graph, 0);
const line = (label: string, t: { ms: number; best: number; cpuMs: number }) =>
  console.log(`${label.padEnd(44)} median ${t.ms.toFixed(2)} ms   best ${t.best.toFixed(2)} ms   cpu ${t.cpuMs.toFixed(2)} ms`);

// 1. the model alone, batch 1 (feeds prepared once per question, rotated)
const singles = examples.qids.slice(0, 64).map((_, k) => builder.evaluation(examples, [k], source).feeds);
let i = 0;
line('1. VQA model (GNN + head), batch 1', await timeIt(() => model.session.run(singles[i++ % singles.length]!), { warmup: 20, runs: 9, iterations: 30 }));

// 2. answer() on a scene graph
let j = 0;
line('2. answer(scene graph, question)', await timeIt(() => {
  const [qid, q] = split.questions[j++ % split.questions.length]!;
  void qid;
  return answer({ model }, { sceneGraph: split.graphs.get(q.imageId)! }, q.question);
}, { warmup: 20, runs: 9, iterations: 20 }));

// 3. answer() on a PNG through the scene-graph generator
try {
  const generator = await loadSceneGraphGenerator(values.sgg, { threads });
  const pngs = graphs.slice(0, 16).map((g) => readFileSync(join(sample, 'images', `${g.getAttribute('imageId')}.png`)));
  let k = 0;
  line('3. answer(256x256 PNG, question)', await timeIt(() => {
    const n = k++;
    return answer({ model, generator }, { image: pngs[n % pngs.length]!, imageId: `bench-${n}` }, 'Is there a red circle?');
  }, { warmup: 10, runs: 9, iterations: 10 }));
  const result = await answer({ model, generator }, { image: pngs[0]!, imageId: 'bench' }, 'Is there a red circle?');
  console.log(`   stages of one answer: ${Object.entries(result.timings).map(([s, ms]) => `${s} ${ms.toFixed(2)}`).join(', ')} ms`);
  await generator.release();
} catch (error) {
  console.log(`3. skipped: ${(error as Error).message.split('\n')[0]}`);
}

// 4. batched evaluation throughput
const all = examples.qids.map((_, k) => k);
const batch = all.slice(0, 256).concat(all).slice(0, 256);
const t = await timeIt(async () => model.session.run(builder.evaluation(examples, batch, source).feeds), { warmup: 2, runs: 5, iterations: 2 });
console.log(`4. batched evaluation (256 per batch)             ${(256 / (t.ms / 1000)).toFixed(0)} questions/s (tensorization included)`);
console.log(`load average at end: ${load()}`);
await model.release();
