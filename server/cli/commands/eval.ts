/**
 * `sgvqa eval`: batch VQA evaluation of a GQA questions file on cached scene graphs or on graphs predicted
 * from an image folder, with the VQA model or the symbolic executor: official predictions, GQA metrics,
 * report.md / report.html, resumable (server/batch/eval/run-evaluation.ts does the work).
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { CliError } from '../cli-error.ts';
import { DEFAULT_SGG, intOption } from '../vqa-training.ts';
import { DEFAULT_VQA } from './ask.ts';
import { requireFile } from './graph.ts';
import type { ExecuteOptions } from '../../../graph/program/index.ts';
import type { EvalProgress, EvaluationRunResult } from '../../batch/index.ts';

interface EvalOptions {
  questions: string;
  sceneGraphs?: string;
  images?: string;
  sgg?: string;
  model?: string;
  choices?: string;
  out: string;
  limit?: string;
  resume?: boolean;
  json?: boolean;
  batch?: string;
  window?: string;
  ontology?: string;
  writeGraphs?: boolean;
  worker: boolean;
}

/** A model file that must exist; a missing default names the command that builds it. */
/** The model file to use: `path` when given, else the shipped `fallback`; a missing default says how to build it. */
export function requireModel(path: string | undefined, fallback: string, what: string, build: string, flag: string): string {
  const file = path ?? fallback;
  if (existsSync(file)) return file;
  if (path !== undefined) throw new CliError(`${what} not found: ${file}`, 2);
  throw new CliError(`${what} not found: ${relative(process.cwd(), file) || file} (build it with \`${build}\`, or pass ${flag})`, 2);
}

/**
 * The executor's options: `--ontology FILE` (an ontology JSON `{category: [values]}`, or a world
 * manifest.json whose `executor` holds ontology and name classes), else a manifest.json beside the
 * questions file (world datasets carry one), else graph/program's GQA defaults.
 */
export async function executeOptions(ontology: string | undefined, questions: string): Promise<{ options?: ExecuteOptions; source?: string }> {
  const file = ontology ?? join(dirname(questions), 'manifest.json');
  if (ontology === undefined && !existsSync(file)) return {};
  if (ontology !== undefined) requireFile(ontology, 'ontology file');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${file}: not JSON (${(error as Error).message})`, 2);
  }
  const executor = (json as { executor?: ExecuteOptions } | null)?.executor;
  if (executor && typeof executor === 'object') return { options: executor, source: `the world manifest ${file}` };
  if (ontology === undefined) return {};
  const { z } = await import('zod');
  const parsed = z.record(z.string(), z.array(z.string())).safeParse(json);
  if (!parsed.success) throw new CliError(`${file}: expected {category: [values]} or a world manifest with "executor"`, 2);
  return { options: { ontology: parsed.data }, source: `the ontology ${file}` };
}

/** A progress bar on stderr: questions done, questions/s, and the share of the questions file read. */
async function evalProgressBar(): Promise<{ update: (p: EvalProgress) => void; stop: () => void }> {
  const enabled = process.env.SGVQA_PROGRESS === '1' || (process.stderr.isTTY === true && process.env.SGVQA_PROGRESS !== '0');
  if (!enabled) return { update() {}, stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({
    format: 'eval [{bar}] {percentage}% | {questions} questions | {qps} questions/s | ETA {eta_formatted}',
    stream: process.stderr,
    hideCursor: true,
    noTTYOutput: process.env.SGVQA_PROGRESS === '1',
    notTTYSchedule: 1000,
    etaBuffer: 20,
  }, cliProgress.Presets.shades_classic);
  const started = performance.now();
  let begun = false;
  return {
    update(p) {
      // The share done: of --limit when given, else of the questions file's bytes (read a window ahead).
      const total = p.limit ?? p.totalBytes;
      const value = p.limit !== undefined ? p.done : p.bytesRead;
      const fresh = p.done - p.reused;
      const payload = { questions: p.done.toLocaleString('en'), qps: Math.round(fresh / Math.max(1e-3, (performance.now() - started) / 1000)).toLocaleString('en') };
      if (!begun) {
        bar.start(Math.max(1, total), 0, payload);
        begun = true;
      }
      bar.update(Math.min(value, total), payload);
    },
    stop() {
      if (begun) bar.stop();
    },
  };
}

function formatSummary(result: EvaluationRunResult): string {
  const s = result.summary;
  const lines = [
    `questions    ${s.questions} (${s.answeredNow} answered in this run${s.reused > 0 ? `, ${s.reused} reused from the journal` : ''})`,
    `unanswered   ${s.questions - s.answered}${Object.keys(s.unanswered).length > 0 ? ` (${Object.entries(s.unanswered).map(([cause, n]) => `${cause} ${n}`).join(', ')})` : ''}`,
  ];
  if (s.images) lines.push(`images       ${s.images.predicted} predicted (${s.images.perSecond} images/s), ${s.images.reused} reused, ${s.images.failed} failed`);
  lines.push(`speed        ${s.questionsPerSecond} questions/s answering; ${s.seconds.total} s in all (loading ${s.seconds.loading}, answering ${s.seconds.answering}, scoring ${s.seconds.scoring}, reports ${s.seconds.reports})`);
  lines.push(`grounding    ${s.grounding}`);
  for (const [name, path] of Object.entries(result.files)) lines.push(`wrote        ${name.padEnd(16)}${path}`);
  return `${lines.join('\n')}\n`;
}

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('batch VQA evaluation: answer a GQA questions file on scene graphs (or on graphs predicted from images), then GQA metrics, predictions and reports')
    .requiredOption('--questions <file>', 'GQA questions JSON (all questions of the split, so entailed questions count for consistency)')
    .option('--scene-graphs <file>', 'cached scene graphs: a GQA scene-graphs JSON')
    .option('--images <dir>', 'an image folder (<imageId>.png|.jpg|.jpeg|.webp): graphs predicted by the scene-graph generator')
    .option('--sgg <file>', 'scene-graph generator .onnx for --images (default models/pretrained/sgg.onnx)')
    .option('--model <file|symbolic>', 'VQA model .onnx, or "symbolic" for the GQA program executor (default models/pretrained/vqa.onnx)')
    .option('--choices <file>', 'GQA choices JSON: adds validity and plausibility')
    .requiredOption('--out <dir>', 'output folder: predictions.json, metrics.json, report.md, report.html, journal.jsonl, ...')
    .option('--limit <n>', 'evaluate only the first N questions of the file')
    .option('--resume', 'continue an interrupted run from the journal in --out (refused when the inputs differ)')
    .option('--batch <n>', 'questions per model run (default 512)')
    .option('--window <n>', 'questions grouped by image at a time (default 4096)')
    .option('--ontology <file>', 'executor ontology JSON {category: [values]} or a world manifest.json (default: manifest.json beside the questions, if any)')
    .option('--write-graphs', 'with --images: also write the predicted graphs as --out/scene-graphs.json')
    .option('--no-worker', 'run the VQA model on the main thread, not in a worker thread (same answers; the worker overlaps model runs with reading and batching, which pays when a core is free)')
    .option('--json', 'print metrics, summary and file paths as JSON instead of tables')
    .addHelpText('after', [
      '',
      'Questions are streamed, grouped by image a window at a time and answered in batches; answers are journaled',
      'per batch, so a run killed at any point continues with --resume and ends with the same predictions and',
      'metrics. Questions the model cannot read and images that cannot be decoded are recorded (unanswered.json,',
      'failed-images.json) and count as wrong; they never stop the run. Metrics: server/batch/METRICS.md.',
    ].join('\n'))
    .action(async (options: EvalOptions) => {
      requireFile(options.questions, 'questions file');
      if ((options.sceneGraphs === undefined) === (options.images === undefined)) throw new CliError('give exactly one of --scene-graphs FILE and --images DIR', 2);
      if (options.sceneGraphs !== undefined) requireFile(options.sceneGraphs, 'scene-graphs file');
      if (options.images !== undefined) requireFile(options.images, 'image folder');
      if (options.sgg !== undefined && options.images === undefined) throw new CliError('--sgg goes with --images', 2);
      if (options.writeGraphs && options.images === undefined) throw new CliError('--write-graphs goes with --images', 2);
      if (options.choices !== undefined) requireFile(options.choices, 'choices file');
      const limit = intOption(options.limit, '--limit');
      const batch = intOption(options.batch, '--batch');
      const window = intOption(options.window, '--window');
      const model = options.model === 'symbolic' ? 'symbolic' : requireModel(options.model, DEFAULT_VQA, 'VQA model', 'npm run train:vqa', '--model FILE or --model symbolic');
      const sgg = options.images === undefined ? undefined : requireModel(options.sgg, DEFAULT_SGG, 'scene-graph generator', 'npm run train:sgg', '--sgg FILE');
      const execute = await executeOptions(options.ontology, options.questions);

      const [{ runEvaluation, formatMetricsTable }, bar] = await Promise.all([import('../../batch/index.ts'), evalProgressBar()]);
      let result: EvaluationRunResult;
      try {
        result = await runEvaluation({
          questions: options.questions,
          ...(options.sceneGraphs !== undefined ? { sceneGraphs: options.sceneGraphs } : {}),
          ...(options.images !== undefined ? { images: options.images, sgg: sgg! } : {}),
          model,
          ...(options.choices !== undefined ? { choices: options.choices } : {}),
          out: options.out,
          ...(limit !== undefined ? { limit } : {}),
          resume: options.resume === true,
          ...(batch !== undefined ? { batch } : {}),
          ...(window !== undefined ? { window } : {}),
          ...(execute.options ? { execute: execute.options, executeSource: execute.source! } : {}),
          writeGraphs: options.writeGraphs === true,
          modelWorker: options.worker,
          onProgress: bar.update,
        });
      } finally {
        bar.stop();
      }
      if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(`${formatMetricsTable(result.metrics)}\n${formatSummary(result)}`);
    });
}
