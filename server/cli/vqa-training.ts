/**
 * The VQA training pieces shared by `sgvqa train` and `sgvqa experiment ablation`: options -> config,
 * the scene-graph generator, data preparation with progress bars, and train-then-test with GQA metrics.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliError } from './cli-error.ts';
import { progressBar, type Progress } from './progress.ts';
import { gqaMetricsOf, headlineMetrics } from './vqa-scoring.ts';
import type { GeneratorHandle, PreparedVqaData } from '../../models/vqa/data/prepare.ts';
import type { VqaTrainingConfig } from '../../models/vqa/train/training-config.ts';
import type { EpochRecord, EvalSet, TrainResult } from '../../models/vqa/train/train-vqa.ts';

export const DEFAULT_SGG = resolve(import.meta.dirname, '../../models/pretrained/sgg.onnx');

export function intOption(value: string | undefined, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliError(`${flag} must be an integer >= ${min}, got "${value}"`, 2);
  return n;
}

export function numberOption(value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new CliError(`${flag} must be a number >= ${min}, got "${value}"`, 2);
  return n;
}

/** The generator at `path` (default: the shipped one when present). `required` makes a missing one an error. */
export async function loadGenerator(path: string | undefined, required: boolean): Promise<(GeneratorHandle & { release(): Promise<void> }) | undefined> {
  const file = path ?? DEFAULT_SGG;
  if (!existsSync(file)) {
    if (required || path !== undefined) throw new CliError(`scene-graph generator not found: ${file} (give --sgg FILE)`, 2);
    return undefined;
  }
  const [{ loadSceneGraphGenerator }, { fileSha256 }] = await Promise.all([
    import('../../models/sgg/index.ts'),
    import('../../models/vqa/views/view-cache.ts'),
  ]);
  const generator = await loadSceneGraphGenerator(file, { threads: 1 });
  return { predictor: generator, sha256: await fileSha256(file), path: file, release: () => generator.release() };
}

/** Progress bars keyed by label, one at a time. */
export function progressReporter(): { report: (label: string, done: number, total: number) => void; stop: () => void } {
  let current: { label: string; bar: Progress } | null = null;
  return {
    report(label, done, total) {
      if (current?.label !== label) {
        current?.bar.stop();
        current = { label, bar: progressBar(label, total, 'items') };
      }
      current.bar.update(done);
    },
    stop() {
      current?.bar.stop();
      current = null;
    },
  };
}

export async function prepareData(dataDir: string, generator: GeneratorHandle | undefined, views: number | undefined, maxTrainImages?: number): Promise<PreparedVqaData> {
  const { prepareVqaData } = await import('../../models/vqa/data/prepare.ts');
  const progress = progressReporter();
  try {
    return await prepareVqaData({
      dataDir, ...(generator ? { generator } : {}), ...(views !== undefined ? { views } : {}), ...(maxTrainImages !== undefined ? { maxTrainImages } : {}), onProgress: progress.report,
    });
  } finally {
    progress.stop();
  }
}

export interface TestedRun {
  readonly result: TrainResult;
  /** Test set name -> GQA headline metrics + accuracy (fractions). */
  readonly test: Record<string, Record<string, number | null>>;
}

function scorerFor(prepared: PreparedVqaData) {
  return async (set: EvalSet, predictions: readonly { questionId: string; prediction: string }[]) => {
    const split = prepared.splits.get(set.name.split('/')[0] as 'val')!.split;
    return headlineMetrics(await gqaMetricsOf(split, predictions));
  };
}

/** Trains one configuration, then answers the test split (annotated and predicted graphs) with the best epoch's model. */
export async function trainAndTest(prepared: PreparedVqaData, config: VqaTrainingConfig, outDir: string, options: { resume?: boolean; threads?: number; quiet?: boolean }): Promise<TestedRun> {
  const [{ trainVqa }, { trainingDataFor }, { loadVqaModel }, { predictExamples }, { BatchBuilder }] = await Promise.all([
    import('../../models/vqa/train/train-vqa.ts'),
    import('../../models/vqa/train/training-data.ts'),
    import('../../models/vqa/infer/vqa-model.ts'),
    import('../../models/vqa/infer/predict-examples.ts'),
    import('../../models/vqa/data/batch-builder.ts'),
  ]);
  const data = trainingDataFor(prepared, config);
  let bar: Progress | null = null;
  const result = await trainVqa(config, data, { outDir, ...(options.resume ? { resume: true } : {}), ...(options.threads !== undefined ? { threads: options.threads } : {}) }, {
    onPhaseStart: (phase, epochs, steps) => {
      bar?.stop();
      bar = options.quiet ? null : progressBar(`${phase} (${epochs} epochs)`, epochs * steps, 'steps');
    },
    onStep: (info) => bar?.update((info.epoch - 1) * info.steps + info.step),
    onEpochEnd: (record: EpochRecord) => {
      if (options.quiet) return;
      const evals = Object.entries(record.eval).map(([k, v]) => `${k} ${((v.accuracy ?? 0) * 100).toFixed(2)}%`).join(', ');
      process.stderr.write(`\n${record.phase} epoch ${record.epoch}: loss ${record.loss.toFixed(4)}${evals ? `, ${evals}` : ''}${record.best ? ' (best)' : ''} [${record.seconds.toFixed(0)} s]\n`);
    },
    score: scorerFor(prepared),
  }).finally(() => (bar as Progress | null)?.stop());

  const test: Record<string, Record<string, number | null>> = {};
  const testSplit = prepared.splits.get('test');
  if (testSplit && existsSync(result.modelPath)) {
    const model = await loadVqaModel(result.modelPath, options.threads !== undefined ? { threads: options.threads } : {});
    try {
      const builder = new BatchBuilder(prepared.vocabularies.graph, 0);
      for (const [kind, source] of [['annotated', testSplit.annotated], ['predicted', testSplit.predicted]] as const) {
        if (!source) continue;
        const p = await predictExamples(model.session, builder, testSplit.examples, source, prepared.vocabularies.answers);
        test[`test/${kind}`] = { accuracy: p.accuracy, ...headlineMetrics(await gqaMetricsOf(testSplit.split, p.predictions)) };
        await writeFile(join(outDir, `test-predictions-${kind}.json`), JSON.stringify(p.predictions));
      }
    } finally {
      await model.release();
    }
    await writeFile(join(outDir, 'test-metrics.json'), `${JSON.stringify(test, null, 2)}\n`);
  }
  return { result, test };
}
