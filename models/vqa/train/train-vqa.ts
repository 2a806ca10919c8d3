/**
 * The VQA training loop on the models/nn engine. One run = an optional SSL-only pretraining phase, then
 * answer training (cross-entropy + λ·SSL when SSL levels are on), AdamW with warm-up + cosine, global
 * norm clipping. After every epoch: evaluation on every evaluation set (the first one picks the best
 * epoch), a checkpoint (resume restarts at the next epoch and replays the same batches), one JSONL log
 * line, and the loss / accuracy curve page. The best epoch is exported as `vqa.onnx` + `vqa.json`
 * (vocabularies, config, metrics) with official-format predictions for each evaluation set.
 *
 * Files in `outDir`: checkpoint.ckpt, state.json, log.jsonl, curve.html, vqa.onnx, vqa.json,
 * predictions-<set>.json.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Trainer, buildInferenceGraph, optim, type ModelDefinition } from '../../nn/index.ts';
import { writeFileAtomic, writeInferenceModel, type InferenceManifest } from '../../nn/runtime/index.ts';
import { BatchBuilder } from '../data/batch-builder.ts';
import type { Examples } from '../data/examples.ts';
import type { GraphSource } from '../data/graph-source.ts';
import { VqaDataError } from '../errors/vqa-data-error.ts';
import { Rng } from '../../../graph/world/prng.ts';
import { graphVocabulariesToJSON, graphWidths, type GraphVocabularies } from '../features/graph-vocabularies.ts';
import { predictExamples } from '../infer/predict-examples.ts';
import { VqaSession } from '../infer/vqa-session.ts';
import { vqaInferenceDefinition, vqaTrainingDefinition } from '../network/definitions.ts';
import { VqaNetwork } from '../network/vqa-network.ts';
import type { AnswerVocabulary } from '../question/answer-vocabulary.ts';
import type { QuestionVocabulary } from '../question/question-vocabulary.ts';
import type { LocationClassifierJson } from '../scene/location-classifier.ts';
import type { VqaTrainingConfig } from './training-config.ts';
import { VQA_MANIFEST_KIND } from './vqa-manifest-kind.ts';
import { type CurvePoint, trainingCurveHtml } from './training-curve.ts';

export { VQA_MANIFEST_KIND };

export interface VqaVocabularies {
  readonly words: QuestionVocabulary;
  readonly answers: AnswerVocabulary;
  readonly graph: GraphVocabularies;
}

export interface EvalSet {
  /** e.g. `val/annotated`. */
  readonly name: string;
  readonly examples: Examples;
  readonly source: GraphSource;
}

export interface VqaTrainingData {
  readonly vocabularies: VqaVocabularies;
  readonly train: Examples;
  /** Graphs the answers are trained on. */
  readonly trainSource: GraphSource;
  /** Source of the second SSL view (default trainSource). */
  readonly pairSource?: GraphSource;
  /** Annotated training graphs (grounding targets in predicted views are found by box overlap with them). */
  readonly annotated?: GraphSource;
  /** Evaluation sets; the first one selects the best epoch. */
  readonly evals: readonly EvalSet[];
  /** Provenance for the manifest (data folder, seeds, counts). */
  readonly description?: Record<string, unknown>;
  /** The location classifier predicted graphs were made with; shipped in the manifest for `answer`. */
  readonly locationClassifier?: LocationClassifierJson;
}

export type Phase = 'pretrain' | 'train';

export interface EpochRecord {
  readonly phase: Phase;
  /** 1-based within the phase. */
  readonly epoch: number;
  readonly steps: number;
  readonly loss: number;
  /** Means of the step metrics (ce, accuracy, ssl terms). */
  readonly metrics: Readonly<Record<string, number>>;
  /** Per evaluation set: accuracy and whatever the scorer adds. */
  readonly eval: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
  readonly seconds: number;
  readonly best: boolean;
}

export interface StepInfo {
  readonly phase: Phase;
  readonly epoch: number;
  readonly step: number;
  readonly steps: number;
  readonly loss: number;
}

export interface TrainHooks {
  onPhaseStart?(phase: Phase, epochs: number, stepsPerEpoch: number): void;
  onStep?(info: StepInfo): void;
  onEpochEnd?(record: EpochRecord): void;
  /** Extra metrics (GQA metrics) of an evaluation set's predictions; numbers in percent or [0, 1] as the scorer likes. */
  score?(set: EvalSet, predictions: readonly { questionId: string; prediction: string }[]): Promise<Record<string, number | null>>;
}

export interface TrainOptions {
  readonly outDir: string;
  readonly resume?: boolean;
  /** onnxruntime threads (default: all cores). */
  readonly threads?: number;
}

export interface TrainResult {
  readonly outDir: string;
  readonly modelPath: string;
  readonly best: EpochRecord | null;
  readonly history: readonly EpochRecord[];
  readonly seconds: number;
}

interface RunState {
  readonly phase: Phase;
  /** Epochs completed in `phase`. */
  readonly epoch: number;
  readonly history: EpochRecord[];
  readonly bestScore: number;
  readonly seconds: number;
}

export function networkFor(config: VqaTrainingConfig, vocab: VqaVocabularies): VqaNetwork {
  return new VqaNetwork({
    ...config.network,
    words: vocab.words.size,
    maxTokens: vocab.words.maxTokens,
    answers: vocab.answers.size,
    widths: graphWidths(vocab.graph),
  });
}

function subsetIndices(n: number, limit: number | null, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (limit === null || limit >= n) return all;
  // A fixed subset per seed; sorted so epochs shuffle the same pool.
  return new Rng(seed, 'vqa-train-subset').shuffled(all).slice(0, limit).sort((a, b) => a - b);
}

/** The manifest `extra` of a VQA model: what `loadVqaModel` needs besides the graph. */
export function vqaManifestExtra(vocab: VqaVocabularies, config: VqaTrainingConfig, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    kind: VQA_MANIFEST_KIND,
    vocabularies: { words: vocab.words.toJSON(), answers: vocab.answers.toJSON(), graph: graphVocabulariesToJSON(vocab.graph) },
    training: config,
    ...extra,
  };
}

export async function exportVqaModel(
  network: VqaNetwork,
  values: ReadonlyMap<string, Float32Array | Float64Array>,
  onnxPath: string,
  meta: { step: number; vocab: VqaVocabularies; config: VqaTrainingConfig; extra: Record<string, unknown> },
): Promise<InferenceManifest> {
  const built = buildInferenceGraph(vqaInferenceDefinition(network));
  const { manifest } = await writeInferenceModel(built, values, onnxPath, {
    step: meta.step,
    config: { network: network.config } as never,
    trainer: null,
    extra: vqaManifestExtra(meta.vocab, meta.config, meta.extra) as never,
  });
  return manifest;
}

export async function trainVqa(config: VqaTrainingConfig, data: VqaTrainingData, options: TrainOptions, hooks: TrainHooks = {}): Promise<TrainResult> {
  const { outDir } = options;
  await mkdir(outDir, { recursive: true });
  if (data.evals.length === 0) throw new VqaDataError('vqa/train: at least one evaluation set is needed (it selects the best epoch)');
  if (config.batchSize < 2) throw new VqaDataError('vqa/train: batch size must be at least 2 (VICReg needs two rows)');
  const started = performance.now();
  const vocab = data.vocabularies;
  const network = networkFor(config, vocab);
  const builder = new BatchBuilder(vocab.graph, config.seed);
  const pool = subsetIndices(data.train.qids.length, config.maxTrainQuestions, config.seed);
  const stepsPerEpoch = Math.floor(pool.length / config.batchSize);
  if (stepsPerEpoch < 1) throw new VqaDataError(`vqa/train: ${pool.length} training questions do not fill one batch of ${config.batchSize}`);
  const statePath = join(outDir, 'state.json');
  const checkpointPath = join(outDir, 'checkpoint.ckpt');
  const logPath = join(outDir, 'log.jsonl');
  const modelPath = join(outDir, 'vqa.onnx');

  let state: RunState = { phase: config.pretrainEpochs > 0 ? 'pretrain' : 'train', epoch: 0, history: [], bestScore: -1, seconds: 0 };
  if (options.resume && existsSync(statePath) && existsSync(checkpointPath)) {
    state = JSON.parse(await readFile(statePath, 'utf8')) as RunState;
  } else {
    await writeFile(logPath, '');
  }
  const log = (entry: Record<string, unknown>) => appendFile(logPath, `${JSON.stringify(entry)}\n`);
  await log({ event: options.resume ? 'resume' : 'start', phase: state.phase, epoch: state.epoch, config });

  const phases: { phase: Phase; epochs: number; definition: () => ModelDefinition }[] = [];
  if (config.pretrainEpochs > 0) {
    phases.push({ phase: 'pretrain', epochs: config.pretrainEpochs, definition: () => vqaTrainingDefinition(network, { ssl: config.ssl, ceWeight: 0 }) });
  }
  phases.push({ phase: 'train', epochs: config.epochs, definition: () => vqaTrainingDefinition(network, { ssl: config.ssl, labelSmoothing: config.labelSmoothing, groundingWeight: config.groundingWeight }) });

  let carried: Map<string, Float32Array | Float64Array> | null = null;
  let resumed = false;
  for (const { phase, epochs, definition } of phases) {
    if (phases.findIndex((p) => p.phase === phase) < phases.findIndex((p) => p.phase === state.phase)) continue;
    const totalSteps = epochs * stepsPerEpoch;
    const trainer = await Trainer.create(definition(), {
      optimizer: optim.adamw({ weightDecay: config.weightDecay }),
      lr: optim.warmupCosine({ peak: config.lr, warmupSteps: Math.min(config.warmupSteps, Math.floor(totalSteps / 4)), totalSteps, final: config.lr / 100 }),
      seed: config.seed,
      clipNorm: config.clipNorm,
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
    });
    try {
      if (!resumed && options.resume && state.phase === phase && state.epoch > 0) {
        await trainer.load(checkpointPath);
        resumed = true;
      } else if (carried) {
        // Pretrained encoder weights carry over; the rest keeps its seeded initialization.
        const known = new Set(trainer.parameters.map((p) => p.name));
        trainer.setParameterValues(new Map([...carried].filter(([name]) => known.has(name))));
      }
      const firstEpoch = state.phase === phase ? state.epoch + 1 : 1;
      hooks.onPhaseStart?.(phase, epochs, stepsPerEpoch);
      for (let epoch = firstEpoch; epoch <= epochs; epoch++) {
        const epochStart = performance.now();
        builder.startEpoch(phase === 'pretrain' ? -epoch : epoch);
        const order = builder.permutation(pool.length).map((i) => pool[i] as number);
        const sums: Record<string, number> = {};
        let lossSum = 0;
        const levels = config.ssl.levels;
        const batchAt = (s: number) => builder.train(data.train, order.slice(s * config.batchSize, (s + 1) * config.batchSize), data.trainSource, {
          levels,
          ...(data.pairSource ? { pairSource: data.pairSource } : {}),
          ...(phase === 'train' && config.groundingWeight > 0 ? { grounding: true, ...(data.annotated ? { annotated: data.annotated } : {}) } : {}),
        });
        let next = batchAt(0);
        for (let s = 0; s < stepsPerEpoch; s++) {
          const running = trainer.trainStep(next.feeds as never);
          if (s + 1 < stepsPerEpoch) next = batchAt(s + 1); // built while onnxruntime works on this step
          const r = await running;
          if (!Number.isFinite(r.loss)) throw new VqaDataError(`vqa/train: the loss became ${r.loss} at ${phase} epoch ${epoch}, step ${s + 1}`);
          lossSum += r.loss;
          for (const [k, v] of Object.entries(r.metrics)) sums[k] = (sums[k] ?? 0) + v;
          hooks.onStep?.({ phase, epoch, step: s + 1, steps: stepsPerEpoch, loss: r.loss });
        }
        const metrics = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / stepsPerEpoch]));
        const evalResults: Record<string, Record<string, number | null>> = {};
        let best = false;
        let predictions: Map<string, { questionId: string; prediction: string }[]> | null = null;
        if (phase === 'train') {
          const values = trainer.parameterValues();
          const session = await VqaSession.fromParameters(network, values, options.threads);
          predictions = new Map();
          try {
            for (const set of data.evals) {
              const p = await predictExamples(session, builder, set.examples, set.source, vocab.answers, { limit: config.maxEvalQuestions });
              predictions.set(set.name, p.predictions);
              evalResults[set.name] = { accuracy: p.accuracy, ...(hooks.score ? await hooks.score(set, p.predictions) : {}) };
            }
          } finally {
            await session.release();
          }
          const score = evalResults[data.evals[0]!.name]!.accuracy as number;
          if (score > state.bestScore) {
            best = true;
            await exportVqaModel(network, values, modelPath, {
              step: trainer.step, vocab, config,
              extra: {
                data: data.description ?? null, selectedBy: data.evals[0]!.name, epoch, metrics: evalResults,
                sceneLocation: data.locationClassifier ?? null,
              },
            });
            for (const [name, list] of predictions) {
              await writeFileAtomic(join(outDir, `predictions-${name.replace(/[^\w.-]+/g, '-')}.json`), [new TextEncoder().encode(JSON.stringify(list))]);
            }
            state = { ...state, bestScore: score };
          }
        }
        const record: EpochRecord = {
          phase, epoch, steps: stepsPerEpoch, loss: lossSum / stepsPerEpoch, metrics, eval: evalResults,
          seconds: (performance.now() - epochStart) / 1000, best,
        };
        await trainer.save(checkpointPath);
        state = { ...state, phase, epoch, history: [...state.history, record], seconds: state.seconds + record.seconds };
        await writeFileAtomic(statePath, [new TextEncoder().encode(JSON.stringify(state))]);
        await log({ event: 'epoch', ...record });
        await writeFileAtomic(join(outDir, 'curve.html'), [new TextEncoder().encode(trainingCurveHtml(`VQA training: ${outDir}`, curvePoints(state.history)))]);
        hooks.onEpochEnd?.(record);
      }
      carried = trainer.parameterValues();
      if (phase === 'pretrain') state = { ...state, phase: 'train', epoch: 0 };
    } finally {
      await trainer.release();
    }
  }
  const trainRecords = state.history.filter((r) => r.phase === 'train');
  const best = trainRecords.filter((r) => r.best).at(-1) ?? null;
  await log({ event: 'done', best, seconds: (performance.now() - started) / 1000 });
  return { outDir, modelPath, best, history: state.history, seconds: (performance.now() - started) / 1000 };
}

function curvePoints(history: readonly EpochRecord[]): CurvePoint[] {
  let offset = 0;
  const points: CurvePoint[] = [];
  let lastPretrain = 0;
  for (const r of history) {
    if (r.phase === 'pretrain') lastPretrain = r.epoch;
    offset = r.phase === 'train' ? lastPretrain : 0;
    points.push({
      epoch: r.epoch + offset,
      loss: r.loss,
      accuracy: Object.fromEntries(Object.entries(r.eval).map(([k, v]) => [k, v.accuracy as number])),
    });
  }
  return points;
}
