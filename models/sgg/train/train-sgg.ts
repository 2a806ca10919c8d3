/**
 * Training the scene-graph generator on the shapes world, end to end:
 *   scenes rendered on the fly into a pool (data/scene-pool.ts), augmented batches (data worker),
 *   one onnxruntime training step per batch (forward, backward, Adam in one graph; models/nn Trainer),
 *   every `evalEvery` steps the contract model with the current weights scored on the world's val split
 *   (mAP@0.5, attribute accuracy, SGDet R@50), the best kept as `best.ckpt`, `last.ckpt` for resuming,
 *   and at the end the best weights exported as `<out>.onnx` + manifest, with metrics on the test split.
 *
 * Files in `runDir`: last.ckpt, best.ckpt (trainer state), last-ema.ckpt, best-ema.ckpt (the weight average
 * that is evaluated and exported, weight-average.ts), state.json (best score and history), log.jsonl (one
 * line per log interval and per evaluation). Resuming (`resume: true`) continues from last.ckpt exactly: batches
 * and pool contents are functions of the step.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, appendFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../graph/io/atomic-write.ts';
import { Trainer } from '../../nn/index.ts';
import { adam, warmupCosine } from '../../nn/optim/index.ts';
import { type SggArchitecture, type SggConfig, defaultSggConfig, imageGeometry } from '../config.ts';
import { type AugmentOptions, DEFAULT_AUGMENT } from '../data/augment.ts';
import { renderWorldScene } from '../data/scene-pool.ts';
import { LabelIndex } from '../data/scene-sample.ts';
import { DEFAULT_TARGETS, type TargetOptions } from '../data/targets.ts';
import { SggError } from '../errors/sgg-error.ts';
import { type EvalItem, evaluateItems } from '../eval/evaluate-folder.ts';
import type { SggMetrics } from '../eval/evaluate.ts';
import { SceneGraphGenerator } from '../inference/generator.ts';
import { contractModelBytes, generatorManifest, writeGenerator } from '../network/export-generator.ts';
import { SggNetwork } from '../network/sgg-network.ts';
import { trainingDefinition } from '../network/training-definition.ts';
import { type BatchSource, LocalBatchSource, WorkerBatchSource } from './batch-source.ts';
import { WeightAverage } from './weight-average.ts';

export interface TrainSggOptions {
  /** Where the model goes (`.onnx`; the manifest is written beside it). */
  readonly out: string;
  /** Checkpoints and logs. */
  readonly runDir: string;
  readonly steps: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly warmupSteps: number;
  /** Seeds initialization and batches. */
  readonly seed: number;
  /** The world's seed: train scenes are `--split train`, validation `val`, test `test` of it. */
  readonly worldSeed: number | string;
  readonly poolSize: number;
  readonly evalEvery: number;
  readonly valScenes: number;
  readonly testScenes: number;
  readonly logEvery: number;
  readonly checkpointEvery: number;
  readonly threads: number;
  readonly resume: boolean;
  /** Render and augment in a worker thread (default true). */
  readonly worker: boolean;
  /** Decay of the weight average that is evaluated and exported (default 0.998; 0 = use the raw weights). */
  readonly ema: number;
  readonly augment: AugmentOptions | null;
  readonly targets: TargetOptions;
  readonly architecture: Partial<SggArchitecture>;
  /** The command line that reproduces the run, recorded in the manifest. */
  readonly command?: string;
}

export const DEFAULT_TRAIN: Omit<TrainSggOptions, 'out' | 'runDir'> = {
  steps: 5000,
  batchSize: 16,
  lr: 3e-3,
  warmupSteps: 100,
  seed: 1,
  worldSeed: 0,
  poolSize: 2000,
  evalEvery: 250,
  valScenes: 200,
  testScenes: 500,
  logEvery: 50,
  checkpointEvery: 250,
  threads: availableParallelism(),
  resume: false,
  worker: true,
  ema: 0.998,
  augment: DEFAULT_AUGMENT,
  targets: DEFAULT_TARGETS,
  architecture: {},
};

export interface TrainEvents {
  onPhase?(phase: string, total: number): void;
  onProgress?(done: number): void;
  onLog?(line: Record<string, unknown>): void;
}

export interface TrainResult {
  readonly step: number;
  readonly bestStep: number;
  readonly bestScore: number;
  readonly test: { readonly clean: SggMetrics; readonly augmented?: SggMetrics };
  readonly seconds: number;
}

interface RunState {
  bestScore: number;
  bestStep: number;
  trainSeconds: number;
  history: Record<string, unknown>[];
}

/** The selection score of a validation run: the mean of mAP@0.5, the worst attribute accuracy and SGDet R@50. */
export function selectionScore(m: SggMetrics): number {
  const attrs = Object.values(m.attributeAccuracy).filter((v) => !Number.isNaN(v));
  const worstAttr = attrs.length > 0 ? Math.min(...attrs) : 0;
  const parts = [m.detection.mAP50, worstAttr, m.recall.sgdet['R@50'] ?? 0].map((v) => (Number.isNaN(v) ? 0 : v));
  return parts.reduce((a, b) => a + b, 0) / parts.length;
}

/** Renders `count` scenes of a world split into evaluation items. */
export async function worldEvalItems(config: SggConfig, worldSeed: number | string, split: string, count: number, onProgress?: (done: number) => void): Promise<EvalItem[]> {
  const labels = new LabelIndex(config.labels);
  const geometry = imageGeometry(config.architecture);
  const items: EvalItem[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, k) => renderWorldScene(worldSeed, split, i + k, labels, geometry)));
    for (const scene of batch) items.push({ sample: scene.sample, raster: scene.image });
    onProgress?.(items.length);
  }
  return items;
}

/** A short, JSON-friendly view of metrics for logs. */
export function metricSummary(m: SggMetrics): Record<string, number> {
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const out: Record<string, number> = { mAP50: round(m.detection.mAP50), classAcc: round(m.classAccuracy) };
  for (const [g, v] of Object.entries(m.attributeAccuracy)) out[`${g}Acc`] = round(v);
  out.sgdetR50 = round(m.recall.sgdet['R@50'] ?? NaN);
  out.predclsR50 = round(m.recall.predcls['R@50'] ?? NaN);
  return out;
}

export async function trainSgg(partial: Partial<TrainSggOptions> & Pick<TrainSggOptions, 'out' | 'runDir'>, events: TrainEvents = {}): Promise<TrainResult> {
  const o: TrainSggOptions = { ...DEFAULT_TRAIN, ...partial };
  if (!o.out.toLowerCase().endsWith('.onnx')) throw new SggError(`sgg/train: --out must end in .onnx, got ${o.out}`);
  if (!Number.isInteger(o.steps) || o.steps < 1) throw new SggError(`sgg/train: steps must be a positive integer, got ${o.steps}`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new SggError(`sgg/train: batch size must be a positive integer, got ${o.batchSize}`);
  if (o.poolSize < 1) throw new SggError(`sgg/train: pool size must be positive, got ${o.poolSize}`);
  await mkdir(o.runDir, { recursive: true });
  const started = performance.now();
  const config = defaultSggConfig(o.architecture);
  const network = new SggNetwork(config);
  const trainer = await Trainer.create(trainingDefinition(network, o.batchSize), {
    optimizer: adam(),
    lr: warmupCosine({ peak: o.lr, warmupSteps: o.warmupSteps, totalSteps: o.steps, final: o.lr * 0.02 }),
    seed: o.seed,
    threads: o.threads,
    clipNorm: 5,
  });
  const paths = {
    last: join(o.runDir, 'last.ckpt'), best: join(o.runDir, 'best.ckpt'), lastAverage: join(o.runDir, 'last-ema.ckpt'), bestAverage: join(o.runDir, 'best-ema.ckpt'),
    state: join(o.runDir, 'state.json'), log: join(o.runDir, 'log.jsonl'),
  };
  let state: RunState = { bestScore: -1, bestStep: -1, trainSeconds: 0, history: [] };
  if (o.resume && existsSync(paths.last)) {
    await trainer.load(paths.last);
    if (existsSync(paths.state)) state = JSON.parse(await readFile(paths.state, 'utf8')) as RunState;
  } else {
    trainer.setParameterValues(network.initialOverrides());
  }
  let average: WeightAverage | null = null;
  if (o.ema > 0) {
    average = o.resume && existsSync(paths.lastAverage)
      ? await WeightAverage.load(paths.lastAverage, o.ema)
      : WeightAverage.start(trainer.parameters, trainer.parameterValues(), o.ema);
  }
  /** The weights that are evaluated and exported: the average, or the raw weights without one. */
  const weights = (): ReadonlyMap<string, Float32Array | Float64Array> => average?.current ?? trainer.parameterValues();
  const log = async (line: Record<string, unknown>) => {
    events.onLog?.(line);
    await appendFile(paths.log, `${JSON.stringify(line)}\n`);
  };
  const startStep = trainer.step;

  events.onPhase?.('validation scenes', o.valScenes);
  const valItems = await worldEvalItems(config, o.worldSeed, 'val', o.valScenes, events.onProgress);
  events.onPhase?.('training scenes', o.poolSize);
  const sourceOptions = {
    config, worldSeed: o.worldSeed, split: 'train', poolSize: o.poolSize, batchSize: o.batchSize, seed: o.seed,
    augment: o.augment, targets: o.targets, startStep,
  };
  const source: BatchSource = o.worker
    ? await WorkerBatchSource.create(sourceOptions, (done) => events.onProgress?.(done))
    : await LocalBatchSource.create(sourceOptions, (done) => events.onProgress?.(done));

  const evaluate = async (items: readonly EvalItem[], augmented: boolean) => {
    const bytes = contractModelBytes(network, weights());
    const generator = await SceneGraphGenerator.fromBytes(bytes, generatorManifest(config, bytes, undefined), 'sgg (training)', { threads: o.threads });
    try {
      return await evaluateItems(generator, items, { augmented, augmentSeed: o.seed });
    } finally {
      await generator.release();
    }
  };
  const saveState = () => writeFileAtomic(paths.state, `${JSON.stringify(state, null, 2)}\n`);

  try {
    events.onPhase?.('training', o.steps);
    events.onProgress?.(startStep);
    let next = startStep < o.steps ? source.batch(startStep) : null;
    const sums: Record<string, number> = {};
    let count = 0;
    let segment = performance.now();
    let waited = 0;
    for (let step = startStep; step < o.steps; step++) {
      const waitStart = performance.now();
      const feeds = await next!;
      waited += performance.now() - waitStart;
      next = step + 1 < o.steps ? source.batch(step + 1) : null;
      const result = await trainer.trainStep(feeds as never);
      if (!Number.isFinite(result.loss)) throw new SggError(`sgg/train: the loss is ${result.loss} at step ${step}; lower --lr`);
      if (average && result.applied) average.update(trainer.parameterValues());
      sums.loss = (sums.loss ?? 0) + result.loss;
      for (const [k, v] of Object.entries(result.metrics)) sums[k] = (sums[k] ?? 0) + v;
      count++;
      events.onProgress?.(step + 1);
      const done = step + 1;
      if (done % o.logEvery === 0 || done === o.steps) {
        const now = performance.now();
        state.trainSeconds += (now - segment) / 1000;
        segment = now;
        const line: Record<string, unknown> = {
          step: done, lr: Number(result.lr.toPrecision(4)), seconds: Math.round(state.trainSeconds), dataWaitMs: Math.round(waited / count), load: Number(loadavg()[0]!.toFixed(2)),
        };
        waited = 0;
        for (const [k, v] of Object.entries(sums)) line[k] = Number((v / count).toFixed(4));
        await log(line);
        for (const k of Object.keys(sums)) delete sums[k];
        count = 0;
      }
      if (done % o.evalEvery === 0 || done === o.steps) {
        const { clean } = await evaluate(valItems, false);
        const score = selectionScore(clean);
        const entry = { step: done, eval: 'val', score: Number(score.toFixed(4)), ...metricSummary(clean) };
        state.history.push(entry);
        await log(entry);
        if (score > state.bestScore) {
          state.bestScore = score;
          state.bestStep = done;
          await trainer.save(paths.best);
          await average?.save(paths.bestAverage, 'sgg');
        }
        segment = performance.now();
      }
      if (done % o.checkpointEvery === 0 || done === o.steps) {
        await trainer.save(paths.last);
        await average?.save(paths.lastAverage, 'sgg');
        await saveState();
      }
    }
  } finally {
    await source.close();
  }

  if (existsSync(paths.best)) await trainer.load(paths.best, { strict: false });
  if (average && existsSync(paths.bestAverage)) average = await WeightAverage.load(paths.bestAverage, o.ema);
  events.onPhase?.('test scenes', o.testScenes);
  const testItems = await worldEvalItems(config, o.worldSeed, 'test', o.testScenes, events.onProgress);
  events.onPhase?.('testing', o.testScenes);
  const test = await evaluate(testItems, true);
  await log({ eval: 'test', step: state.bestStep, clean: metricSummary(test.clean), augmented: test.augmented ? metricSummary(test.augmented) : null });
  const seconds = (performance.now() - started) / 1000;
  await writeGenerator(network, weights(), o.out, {
    name: 'sgvqa-sgg-world',
    training: {
      command: o.command ?? null,
      steps: o.steps,
      bestStep: state.bestStep,
      batchSize: o.batchSize,
      lr: o.lr,
      warmupSteps: o.warmupSteps,
      seed: o.seed,
      optimizer: 'adam, warm-up + cosine, global-norm clip 5',
      weightAverage: o.ema > 0 ? { decay: o.ema } : null,
      data: {
        world: 'shapes world (graph/world), rendered on the fly',
        worldSeed: o.worldSeed,
        train: `split train, scenes 0..${o.poolSize + o.steps - 1} (pool of ${o.poolSize}, one new scene per step)`,
        val: `split val, scenes 0..${o.valScenes - 1}`,
        test: `split test, scenes 0..${o.testScenes - 1} (= sgvqa world generate --split test --seed ${o.worldSeed} --scenes ${o.testScenes})`,
      },
      augment: o.augment,
      targets: o.targets,
      trainSeconds: Math.round(state.trainSeconds),
      totalSeconds: Math.round(seconds),
      cores: availableParallelism(),
      loadAverage: loadavg().map((v) => Number(v.toFixed(2))),
    },
    metrics: { test: test.clean, testAugmented: test.augmented ?? null, valHistory: state.history },
  });
  await trainer.release();
  return { step: o.steps, bestStep: state.bestStep, bestScore: state.bestScore, test, seconds };
}
