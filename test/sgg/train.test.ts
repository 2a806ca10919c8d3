/**
 * Training: a tiny generator (same code, small widths and input) learns on world scenes, the data worker
 * gives exactly the batches the main thread would, and the training command writes a model that loads
 * through the contract loader and resumes from its checkpoint.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../models/nn/index.ts';
import { adam } from '../../models/nn/optim/index.ts';
import type { SggArchitecture } from '../../models/sgg/config.ts';
import { defaultSggConfig } from '../../models/sgg/config.ts';
import { DEFAULT_TARGETS } from '../../models/sgg/data/targets.ts';
import { loadSceneGraphGenerator } from '../../models/sgg/inference/generator.ts';
import { SggNetwork } from '../../models/sgg/network/sgg-network.ts';
import { trainingDefinition } from '../../models/sgg/network/training-definition.ts';
import { LocalBatchSource, WorkerBatchSource } from '../../models/sgg/train/batch-source.ts';
import { trainSgg } from '../../models/sgg/train/train-sgg.ts';
import { WeightAverage } from '../../models/sgg/train/weight-average.ts';
import { Parameter } from '../../models/nn/index.ts';
import { DEFAULT_AUGMENT } from '../../models/sgg/data/augment.ts';

const TINY: Partial<SggArchitecture> = { inputSize: 64, widths: [4, 8, 8], featureDim: 8, headHidden: 16, embedDim: 8, relationHidden: 16, maxDetections: 8 };
const dir = mkdtempSync(join(tmpdir(), 'sgg-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('training', () => {
  it('a tiny generator fits a batch of world scenes: the loss falls', async () => {
    const config = defaultSggConfig(TINY);
    const network = new SggNetwork(config);
    const source = await LocalBatchSource.create({
      config, worldSeed: 'test', split: 'train', poolSize: 6, batchSize: 4, seed: 1, augment: null, targets: DEFAULT_TARGETS, startStep: 0,
    });
    const feeds = await source.batch(0);
    await source.close();
    const trainer = await Trainer.create(trainingDefinition(network, 4), { optimizer: adam(), lr: 3e-3, seed: 2, threads: 1 });
    trainer.setParameterValues(network.initialOverrides());
    const first = await trainer.evaluate(feeds as never);
    for (let i = 0; i < 60; i++) await trainer.trainStep(feeds as never);
    const last = await trainer.evaluate(feeds as never);
    expect(Number.isFinite(first.loss)).toBe(true);
    expect(last.loss).toBeLessThan(0.6 * first.loss);
    expect(last.metrics.heat!).toBeLessThan(first.metrics.heat!);
    expect(last.metrics.class_acc!).toBeGreaterThan(first.metrics.class_acc!);
    await trainer.release();
  });

  it('the data worker gives the same batches as the main thread', async () => {
    const options = {
      config: defaultSggConfig(TINY), worldSeed: 'test', split: 'train', poolSize: 3, batchSize: 2, seed: 5,
      augment: DEFAULT_AUGMENT, targets: DEFAULT_TARGETS, startStep: 2,
    };
    const local = await LocalBatchSource.create(options);
    const worker = await WorkerBatchSource.create(options);
    try {
      for (const step of [2, 3, 4]) {
        const [a, b] = await Promise.all([local.batch(step), worker.batch(step)]);
        expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
        for (const name of Object.keys(a)) {
          expect(b[name]!.dims).toEqual(a[name]!.dims);
          expect(Array.from(b[name]!.data as ArrayLike<number | bigint>)).toEqual(Array.from(a[name]!.data as ArrayLike<number | bigint>));
        }
      }
    } finally {
      await Promise.all([local.close(), worker.close()]);
    }
  });

  it('trainSgg exports a loadable model with its metrics, and resumes from the last checkpoint', async () => {
    const out = join(dir, 'tiny.onnx');
    const runDir = join(dir, 'run');
    const common = {
      out, runDir, batchSize: 2, poolSize: 4, valScenes: 2, testScenes: 2, evalEvery: 3, checkpointEvery: 3, logEvery: 3,
      threads: 1, worker: false, architecture: TINY, warmupSteps: 1,
    };
    const first = await trainSgg({ ...common, steps: 3 });
    expect(first.step).toBe(3);
    expect(existsSync(join(runDir, 'last.ckpt'))).toBe(true);
    expect(existsSync(join(runDir, 'best.ckpt'))).toBe(true);
    expect(existsSync(join(runDir, 'last-ema.ckpt'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'tiny.json'), 'utf8')) as { training: { steps: number }; metrics: { test: { images: number } } };
    expect(manifest.training.steps).toBe(3);
    expect(manifest.metrics.test.images).toBe(2);
    const generator = await loadSceneGraphGenerator(out);
    expect(generator.maxDetections).toBe(8);
    expect(generator.geometry).toEqual({ width: 64, height: 64, boxFactor: 4 });
    await generator.release();

    const resumed = await trainSgg({ ...common, steps: 6, resume: true });
    expect(resumed.step).toBe(6);
    const steps = readFileSync(join(runDir, 'log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step?: number; eval?: string })
      .filter((l) => l.eval === undefined).map((l) => l.step);
    // One log line per 3 steps: 3 from the first run, 6 from the resumed one (not 3 again).
    expect(steps).toEqual([3, 6]);
  });
});

describe('WeightAverage', () => {
  it('averages with a warm-up decay and survives a save and load', async () => {
    const p = new Parameter('w', [2], { init: { kind: 'constant', value: 0 } });
    const avg = WeightAverage.start([p], new Map([['w', Float32Array.of(0, 10)]]), 0.5);
    avg.update(new Map([['w', Float32Array.of(1, 10)]])); // d = min(0.5, 2 / 11)
    const d1 = 2 / 11;
    expect(avg.current.get('w')![0]).toBeCloseTo(1 - d1, 6);
    avg.update(new Map([['w', Float32Array.of(1, 0)]])); // d = min(0.5, 3 / 12) = 0.25
    expect(avg.current.get('w')![0]).toBeCloseTo(0.25 * (1 - d1) + 0.75, 6);
    expect(avg.current.get('w')![1]).toBeCloseTo(2.5, 5);
    const path = join(dir, 'avg.ckpt');
    await avg.save(path, 'm');
    const back = await WeightAverage.load(path, 0.5);
    expect(Array.from(back.current.get('w')!)).toEqual(Array.from(avg.current.get('w')!));
    back.update(new Map([['w', Float32Array.of(0, 0)]])); // t = 3: d = min(0.5, 4 / 13)
    expect(back.current.get('w')![1]).toBeCloseTo(2.5 * (4 / 13), 5);
  });
});
