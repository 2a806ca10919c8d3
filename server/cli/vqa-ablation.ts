/**
 * The SelfGraphVQA ablation (DESIGN §6, issue 6 item 7): rows = answers trained on annotated / predicted
 * graphs x SSL none / node / graph / equivariant / all, each over several seeds; columns = test accuracy on
 * annotated and on predicted graphs, then binary, open and consistency on predicted graphs (the setting
 * the paper is about), mean ± std over seeds. Extra rows: a question-only baseline (the same network on
 * empty graphs) and the symbolic executor on annotated and on predicted graphs. Runs already finished
 * in the output folder are reused, so an interrupted experiment resumes.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { PreparedVqaData } from '../../models/vqa/data/prepare.ts';
import type { SslLevel } from '../../models/vqa/ssl/ssl-config.ts';
import type { VqaTrainingConfig } from '../../models/vqa/train/training-config.ts';
import { gqaMetricsOf, headlineMetrics } from './vqa-scoring.ts';
import { trainAndTest } from './vqa-training.ts';

export const SSL_SETTINGS = ['none', 'node', 'graph', 'equivariant', 'all'] as const;
export type SslSetting = (typeof SSL_SETTINGS)[number];

export interface AblationOptions {
  readonly outDir: string;
  readonly seeds: number;
  readonly graphs: readonly ('annotated' | 'predicted')[];
  readonly ssl: readonly SslSetting[];
  /** The training config every run starts from (graphs, ssl and seed are set per run). */
  readonly base: VqaTrainingConfig;
  /** Runs trained at once (each with `threads` onnxruntime threads). */
  readonly parallel: number;
  readonly threads: number;
  readonly onRunDone?: (name: string, done: number, total: number, seconds: number) => void;
}

interface RunMetrics {
  readonly annotated: Record<string, number | null> | null;
  readonly predicted: Record<string, number | null> | null;
  readonly seconds: number;
}

export interface AblationRow {
  readonly name: string;
  readonly seeds: number;
  /** metric -> [mean, std] over seeds (fractions); null when not measured. */
  readonly cells: Record<string, [number, number] | null>;
}

export interface AblationResult {
  readonly rows: AblationRow[];
  readonly runs: Record<string, RunMetrics>;
  readonly seconds: number;
  readonly loadAverage: { start: number[]; end: number[] };
  readonly config: Record<string, unknown>;
}

export const COLUMNS = ['acc annotated', 'acc predicted', 'binary', 'open', 'consistency'] as const;

function meanStd(values: number[]): [number, number] | null {
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) : 0;
  return [mean, Math.sqrt(variance)];
}

function cellsOf(runs: RunMetrics[]): Record<string, [number, number] | null> {
  const pick = (f: (r: RunMetrics) => number | null | undefined) => meanStd(runs.map(f).filter((v): v is number => typeof v === 'number'));
  return {
    'acc annotated': pick((r) => r.annotated?.accuracy),
    'acc predicted': pick((r) => r.predicted?.accuracy),
    binary: pick((r) => (r.predicted ?? r.annotated)?.binary),
    open: pick((r) => (r.predicted ?? r.annotated)?.open),
    consistency: pick((r) => (r.predicted ?? r.annotated)?.consistency),
  };
}

async function runOnce(prepared: PreparedVqaData, config: VqaTrainingConfig, dir: string, threads: number): Promise<RunMetrics> {
  const done = join(dir, 'test-metrics.json');
  const statsPath = join(dir, 'run.json');
  if (existsSync(done) && existsSync(statsPath)) {
    const test = JSON.parse(await readFile(done, 'utf8')) as Record<string, Record<string, number | null>>;
    const stats = JSON.parse(await readFile(statsPath, 'utf8')) as { seconds: number };
    return { annotated: test['test/annotated'] ?? null, predicted: test['test/predicted'] ?? null, seconds: stats.seconds };
  }
  const started = performance.now();
  const { test } = await trainAndTest(prepared, config, dir, { resume: true, threads, quiet: true });
  const seconds = (performance.now() - started) / 1000;
  await writeFile(statsPath, `${JSON.stringify({ seconds, config })}\n`);
  return { annotated: test['test/annotated'] ?? null, predicted: test['test/predicted'] ?? null, seconds };
}

export async function runAblation(prepared: PreparedVqaData, options: AblationOptions): Promise<AblationResult> {
  const started = performance.now();
  const loadStart = loadavg();
  await mkdir(options.outDir, { recursive: true });
  const { sslLevelsOf } = await import('../../models/vqa/ssl/ssl-config.ts');
  const test = prepared.splits.get('test');
  if (!test) throw new Error('vqa/ablation: the data needs a test split');

  interface Job { row: string; dir: string; config: VqaTrainingConfig }
  const jobs: Job[] = [];
  for (const graphs of options.graphs) {
    for (const ssl of options.ssl) {
      for (let seed = 0; seed < options.seeds; seed++) {
        const levels: SslLevel[] = sslLevelsOf(ssl);
        jobs.push({
          row: `trained on ${graphs}, SSL ${ssl}`,
          dir: join(options.outDir, 'runs', `${graphs}-${ssl}-seed${seed}`),
          config: { ...options.base, graphs, seed, ssl: { ...options.base.ssl, levels } },
        });
      }
    }
  }
  for (let seed = 0; seed < options.seeds; seed++) {
    jobs.push({ row: 'question only (no graph)', dir: join(options.outDir, 'runs', `question-only-seed${seed}`), config: { ...options.base, graphs: 'annotated', seed, groundingWeight: 0, ssl: { ...options.base.ssl, levels: [] } } });
  }

  const runs: Record<string, RunMetrics> = {};
  const byRow = new Map<string, RunMetrics[]>();
  let next = 0;
  let done = 0;
  const { blindSource } = await import('../../models/vqa/baselines/blind-source.ts');
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const t0 = performance.now();
      let data = prepared;
      if (job.row.startsWith('question only')) {
        // Every split's graphs replaced by empty ones: the network sees the question alone.
        const blind = blindSource();
        data = { ...prepared, splits: new Map([...prepared.splits].map(([k, s]) => [k, { ...s, annotated: blind, predicted: null }])) };
      }
      const metrics = await runOnce(data, job.config, job.dir, options.threads);
      runs[job.dir] = metrics;
      byRow.set(job.row, [...(byRow.get(job.row) ?? []), metrics]);
      options.onRunDone?.(job.row, ++done, jobs.length, (performance.now() - t0) / 1000);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel) }, worker));

  const rows: AblationRow[] = [];
  for (const job of jobs) {
    if (rows.some((r) => r.name === job.row)) continue;
    const list = byRow.get(job.row) ?? [];
    let cells = cellsOf(list);
    if (job.row.startsWith('question only')) {
      // The blind model never sees a graph: its accuracy is the same under either kind of graph.
      cells = { ...cells, 'acc predicted': cells['acc annotated']!, binary: cells.binary ?? null };
    }
    rows.push({ name: job.row, seeds: list.length, cells });
  }

  const { runSymbolicBaseline } = await import('../../models/vqa/baselines/symbolic-baseline.ts');
  const { WORLD_EXECUTE_OPTIONS } = await import('../../graph/world/index.ts');
  const symbolic: Record<string, Record<string, number | null>> = {};
  for (const [kind, source] of [['annotated', test.annotated], ['predicted', test.predicted]] as const) {
    if (!source) continue;
    const r = runSymbolicBaseline(test.split.questions, source, WORLD_EXECUTE_OPTIONS);
    symbolic[kind] = { accuracy: r.accuracy, ...headlineMetrics(await gqaMetricsOf(test.split, r.predictions)) };
  }
  for (const kind of ['annotated', 'predicted'] as const) {
    const m = symbolic[kind];
    if (!m) continue;
    const one = (v: number | null | undefined): [number, number] | null => (typeof v === 'number' ? [v, 0] : null);
    rows.push({
      name: `symbolic executor on ${kind} graphs`,
      seeds: 1,
      cells: { 'acc annotated': kind === 'annotated' ? one(m.accuracy) : null, 'acc predicted': kind === 'predicted' ? one(m.accuracy) : null, binary: one(m.binary), open: one(m.open), consistency: one(m.consistency) },
    });
  }
  return {
    rows,
    runs,
    seconds: (performance.now() - started) / 1000,
    loadAverage: { start: loadStart, end: loadavg() },
    config: { seeds: options.seeds, parallel: options.parallel, threads: options.threads, base: options.base },
  };
}

const pct = (cell: [number, number] | null) => (cell === null ? '-' : `${(cell[0] * 100).toFixed(2)} ± ${(cell[1] * 100).toFixed(2)}`);

export function ablationMarkdown(result: AblationResult, title = 'SelfGraphVQA ablation (world test split)'): string {
  const lines = [
    `# ${title}`,
    '',
    'Accuracy in percent, mean ± std over seeds. Binary, open and consistency are measured on predicted test',
    'graphs (the generator\'s graphs of the test images), except for rows without them.',
    '',
    `| setting | seeds | ${COLUMNS.join(' | ')} |`,
    `|---|---|${COLUMNS.map(() => '---').join('|')}|`,
    ...result.rows.map((r) => `| ${r.name} | ${r.seeds} | ${COLUMNS.map((c) => pct(r.cells[c] ?? null)).join(' | ')} |`),
    '',
    `Runtime: ${(result.seconds / 60).toFixed(1)} min; load average at start ${result.loadAverage.start.map((v) => v.toFixed(2)).join(' / ')}, at end ${result.loadAverage.end.map((v) => v.toFixed(2)).join(' / ')} (1 / 5 / 15 min).`,
    '',
  ];
  return lines.join('\n');
}
