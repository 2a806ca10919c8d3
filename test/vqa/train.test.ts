/**
 * The training loop end to end on the committed 32-scene world sample (linked as train, val and test):
 * files written (model, manifest, log, curve, predictions, checkpoint), resume continues at the next
 * epoch, every SSL level trains on synthetic views, and the exported model answers through `answer()`
 * with the documented edge behaviour.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareVqaData } from '../../models/vqa/data/prepare.ts';
import { type ViewedGraph, predictedSource } from '../../models/vqa/data/graph-source.ts';
import { answer } from '../../models/vqa/infer/answer.ts';
import { loadVqaModel } from '../../models/vqa/infer/vqa-model.ts';
import { DEFAULT_SSL, sslLevelsOf } from '../../models/vqa/ssl/index.ts';
import { trainVqa } from '../../models/vqa/train/train-vqa.ts';
import { DEFAULT_TRAINING, type VqaTrainingConfig } from '../../models/vqa/train/training-config.ts';
import { trainingDataFor } from '../../models/vqa/train/training-data.ts';
import { boxToView, sampleViewSpec } from '../../models/vqa/views/view-spec.ts';
import { createSceneGraph, type SceneGraph } from '../../graph/scene-graph.ts';
import { linkSampleSplits } from '../helpers/sample-splits.ts';

const root = mkdtempSync(join(tmpdir(), 'vqa-train-'));
const data = join(root, 'data');
mkdirSync(data);
linkSampleSplits(data);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const config: VqaTrainingConfig = {
  ...DEFAULT_TRAINING,
  epochs: 2,
  batchSize: 16,
  lr: 5e-3,
  warmupSteps: 5,
  maxTrainQuestions: 160,
  maxEvalQuestions: 64,
  network: { hidden: 16, heads: 2, rounds: 2, questionLayers: 1, dropout: 0 },
};

/** Views as a generator would give them: the annotation seen through view transforms, boxes jittered, one object dropped. */
function syntheticViews(graphs: ReadonlyMap<string, SceneGraph>): Map<string, ViewedGraph[]> {
  const out = new Map<string, ViewedGraph[]>();
  for (const [imageId, g] of graphs) {
    const views: ViewedGraph[] = [];
    for (let v = 0; v < 3; v++) {
      const transform = sampleViewSpec(1, imageId, v, 256, 256);
      const copy = createSceneGraph({ ...g.getAttributes() });
      g.forEachNode((key, attrs) => {
        if (v === 2 && key === g.nodes()[0]) return;
        const box = boxToView(attrs.box, transform);
        copy.addNode(key, { ...attrs, id: key, box: { ...box, x: box.x + v } });
      });
      g.forEachEdge((_e, attrs, s, o) => {
        if (copy.hasNode(s) && copy.hasNode(o)) copy.addEdge(s, o, { ...attrs, score: 0.9 });
      });
      views.push({ graph: copy, transform });
    }
    out.set(imageId, views);
  }
  return out;
}

describe('trainVqa', () => {
  it('trains, evaluates, writes its files, resumes, and exports a model answer() can use', async () => {
    const prepared = await prepareVqaData({ dataDir: data });
    const out = join(root, 'run');
    const first = await trainVqa(config, trainingDataFor(prepared, config), { outDir: out, threads: 1 });
    expect(first.history).toHaveLength(2);
    expect(first.history[1]!.loss).toBeLessThan(first.history[0]!.loss);
    for (const f of ['vqa.onnx', 'vqa.json', 'checkpoint.ckpt', 'state.json', 'curve.html', 'predictions-val-annotated.json']) expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'curve.html'), 'utf8')).toContain('<svg');
    const log = readFileSync(join(out, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string });
    expect(log.map((l) => l.event)).toEqual(['start', 'epoch', 'epoch', 'done']);
    const predictions = JSON.parse(readFileSync(join(out, 'predictions-val-annotated.json'), 'utf8')) as { questionId: string }[];
    expect(predictions).toHaveLength(64);

    const resumed = await trainVqa({ ...config, epochs: 3 }, trainingDataFor(prepared, config), { outDir: out, threads: 1, resume: true });
    expect(resumed.history.map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(readFileSync(join(out, 'log.jsonl'), 'utf8')).toContain('"event":"resume"');

    const model = await loadVqaModel(join(out, 'vqa.onnx'), { threads: 1 });
    try {
      const graph = prepared.splits.get('test')!.split.graphs.get('sample-000000')!;
      const result = await answer({ model }, { sceneGraph: graph }, 'What is the color of the hexagon?');
      expect(model.vocabularies.answers.answers).toContain(result.answer);
      expect(result.topK).toHaveLength(5);
      expect(result.topK.reduce((s, t) => s + t.p, 0)).toBeLessThanOrEqual(1 + 1e-6);
      expect(result.grounding).toHaveLength(3);
      for (const round of result.grounding) {
        expect(round.objects).toHaveLength(graph.order);
        expect(round.objects.reduce((s, o) => s + o.weight, round.scene)).toBeCloseTo(1, 5);
      }
      expect(result.grounding.at(-1)!.kind).toBe('readout');
      expect(result.timings.total).toBeGreaterThan(0);

      const odd = await answer({ model }, { sceneGraph: graph }, 'What is the colour of the zorblax?');
      expect(odd.unknownWords).toEqual(['colour', 'zorblax']);
      expect(odd.warnings[0]).toContain('unknown words');

      const empty = await answer({ model }, { sceneGraph: createSceneGraph({ imageId: 'nothing', width: 256, height: 256 }) }, 'Is there a circle?');
      expect(empty.grounding.every((r) => r.objects.length === 0 && Math.abs(r.scene - 1) < 1e-5)).toBe(true);
      expect(empty.warnings).toContain('the scene graph has no objects; the answer comes from the scene alone');

      await expect(answer({ model }, { sceneGraph: graph }, ' ? ')).rejects.toMatchObject({ name: 'QuestionError' });
      await expect(answer({ model }, { sceneGraph: graph }, Array(40).fill('circle').join(' '))).rejects.toMatchObject({ name: 'QuestionError' });
      await expect(answer({ model }, { image: new Uint8Array(4) }, 'Is there a circle?')).rejects.toMatchObject({ name: 'VqaModelError' });
    } finally {
      await model.release();
    }
  });

  it.each(['node', 'graph', 'equivariant'])('trains with SSL level %s on two views (finite losses, SSL metrics reported)', async (level) => {
    const prepared = await prepareVqaData({ dataDir: data, splits: ['train', 'val'] });
    const ssl = { ...DEFAULT_SSL, levels: sslLevelsOf(level), weight: 0.05 };
    const sslConfig: VqaTrainingConfig = { ...config, epochs: 1, graphs: 'predicted', ssl, maxTrainQuestions: 32 };
    const train = prepared.splits.get('train')!;
    const views = predictedSource(syntheticViews(train.split.graphs));
    const base = trainingDataFor({ ...prepared, splits: new Map([...prepared.splits].map(([k, s]) => [k, { ...s, predicted: views }])) }, sslConfig);
    const result = await trainVqa(sslConfig, base, { outDir: join(root, `ssl-${level}`), threads: 1 });
    const metrics = result.history[0]!.metrics;
    expect(Number.isFinite(result.history[0]!.loss)).toBe(true);
    for (const l of sslLevelsOf(level)) expect(metrics[`ssl_${l}`]).toBeGreaterThan(0);
    expect(metrics.grounding).toBeGreaterThan(0);
  });

  it('pretrains with SSL only, then fine-tunes with answers', async () => {
    const prepared = await prepareVqaData({ dataDir: data, splits: ['train', 'val'] });
    const ssl = { ...DEFAULT_SSL, levels: sslLevelsOf('graph'), weight: 0.05 };
    const cfg: VqaTrainingConfig = { ...config, epochs: 1, pretrainEpochs: 1, graphs: 'predicted', ssl, maxTrainQuestions: 32 };
    const views = predictedSource(syntheticViews(prepared.splits.get('train')!.split.graphs));
    const base = trainingDataFor({ ...prepared, splits: new Map([...prepared.splits].map(([k, s]) => [k, { ...s, predicted: views }])) }, cfg);
    const result = await trainVqa(cfg, base, { outDir: join(root, 'pretrain'), threads: 1 });
    expect(result.history.map((r) => r.phase)).toEqual(['pretrain', 'train']);
    expect(result.history[0]!.metrics.ce).toBeUndefined();
    expect(result.history[0]!.metrics.ssl_graph).toBeGreaterThan(0);
    expect(result.history[1]!.eval['val/predicted']!.accuracy).toBeGreaterThanOrEqual(0);
    expect(result.best?.phase).toBe('train');
  });
});
