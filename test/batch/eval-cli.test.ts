/**
 * `sgvqa eval` end to end, in child processes, on the committed world sample: the executor and a tiny
 * VQA model trained here; the files it writes; metrics identical to `sgvqa score` on those files;
 * questions the model cannot read; --limit; --resume refused against other inputs; usage errors.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GqaMetrics } from '../../server/batch/index.ts';
import type { CliError } from '../../server/cli/cli-error.ts';
import { requireModel } from '../../server/cli/commands/eval.ts';
import { buildProgram } from '../../server/cli/main.ts';
import { repoRoot } from '../helpers/shared-data.ts';
import { readJson, sampleFiles, sgvqa, trainTinyVqa, type Json } from './eval-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'sgvqa-eval-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let model: string;
beforeAll(async () => {
  model = await trainTinyVqa(join(dir, 'tiny'));
}, 180_000);

// The tests run `sgvqa eval` in child processes: seconds on an idle machine, a minute or more on a busy one.
const SLOW = { timeout: 300_000 };

interface RunJson {
  metrics: GqaMetrics;
  summary: { questions: number; answeredNow: number; reused: number; answered: number; unanswered: Record<string, number>; grounding: string };
  files: Record<string, string>;
}

function evalJson(args: readonly string[]): RunJson {
  const result = sgvqa(['eval', ...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as RunJson;
}

/** The attentions recorded in a run's journal, as an attentions file for `sgvqa score`. */
function attentionsFromJournal(out: string): string {
  const lines = readFileSync(join(out, 'journal.jsonl'), 'utf8').trim().split('\n').slice(1);
  const entries = lines.flatMap((line) => (JSON.parse(line) as { answers: unknown[][] }).answers.map((a) => ({ questionId: a[1], attention: a[7] ?? [] })));
  const path = join(out, '..', `${out.split('/').pop()}-attentions.json`);
  writeFileSync(path, JSON.stringify(entries));
  return path;
}

/** `sgvqa score` of a run's files (eval leaves questions without a choices entry out of validity, as --allow-missing does). */
function scoreMetrics(out: string, questions: string, predictions: string): GqaMetrics {
  const scored = join(out, '..', `${out.split('/').pop()}-score`);
  const result = sgvqa(['score', '--questions', questions, '--predictions', predictions, '--choices', sampleFiles.choices,
    '--scene-graphs', sampleFiles.sceneGraphs, '--attentions', attentionsFromJournal(out), '--out', scored, '--allow-missing']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return readJson<GqaMetrics>(join(scored, 'metrics.json'));
}

describe('sgvqa eval with the executor on cached world graphs', SLOW, () => {
  const out = join(dir, 'symbolic');
  let run: RunJson;
  beforeAll(() => {
    run = evalJson(['--questions', sampleFiles.questions, '--scene-graphs', sampleFiles.sceneGraphs, '--choices', sampleFiles.choices, '--model', 'symbolic', '--out', out]);
  }, 300_000);

  it('answers every question (100 % on annotated graphs) and writes the official predictions in file order', () => {
    expect(run.metrics).toMatchObject({ accuracy: 100, validity: 100, plausibility: 100, consistency: 100 });
    expect(run.summary).toMatchObject({ questions: 320, answeredNow: 320, reused: 0, answered: 320, unanswered: {}, grounding: 'computed' });
    const predictions = readJson<{ questionId: string; prediction: string }[]>(join(out, 'predictions.json'));
    const questions = readJson(sampleFiles.questions);
    expect(predictions.map((p) => p.questionId)).toEqual(Object.keys(questions));
    expect(predictions.every((p) => p.prediction === questions[p.questionId]!.answer)).toBe(true);
    expect(readJson<unknown[]>(join(out, 'unanswered.json'))).toEqual([]);
  });

  it('writes the metrics `sgvqa score` computes from its predictions and attentions, to the last bit', () => {
    expect(readJson<GqaMetrics>(join(out, 'metrics.json'))).toEqual(run.metrics);
    expect(scoreMetrics(out, sampleFiles.questions, join(out, 'predictions.json'))).toEqual(run.metrics);
    expect(run.metrics.grounding).toBeGreaterThan(0);
  });

  it('writes report.md and a self-contained report.html', () => {
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    for (const heading of ['## Headline metrics', '## Accuracy / structural type', '## Accuracy / semantic type', '## Accuracy / steps number', '## Accuracy / words number', '## Most confused answer pairs', '## Worst questions']) {
      expect(md).toContain(heading);
    }
    expect(md).toMatch(/\| Accuracy \| 100\.00% \| 320 questions \|/);
    expect(md).toContain('No wrong answer.');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
  });
});

describe('sgvqa eval with a VQA model', SLOW, () => {
  const out = join(dir, 'model');
  const questionsPath = join(dir, 'questions-with-unreadable.json');
  let run: RunJson;
  beforeAll(() => {
    const questions = readJson(sampleFiles.questions);
    const base = questions['sample-000000-q0']!;
    const extra: Json = {
      'odd-unknown': { ...base, question: 'Xyzzy plugh frobozz?', entailed: [], equivalent: [] },
      'odd-long': { ...base, question: `Is ${'the very '.repeat(20)}red circle there?`, entailed: [], equivalent: [] },
      'odd-empty': { ...base, question: '?!', entailed: [], equivalent: [] },
    };
    writeFileSync(questionsPath, JSON.stringify({ ...questions, ...extra }));
    run = evalJson(['--questions', questionsPath, '--scene-graphs', sampleFiles.sceneGraphs, '--choices', sampleFiles.choices, '--model', model, '--out', out, '--batch', '64']);
  }, 300_000);

  it('answers, lists the questions it cannot read as unanswered, and goes on', () => {
    expect(run.summary).toMatchObject({ questions: 323, answeredNow: 323, answered: 320, unanswered: { 'unreadable-question': 3 } });
    const unanswered = readJson<{ questionId: string; cause: string; detail: string }[]>(join(out, 'unanswered.json'));
    expect(unanswered.map((u) => u.questionId).sort()).toEqual(['odd-empty', 'odd-long', 'odd-unknown']);
    expect(unanswered.find((u) => u.questionId === 'odd-unknown')!.detail).toContain('every word is unknown');
    const predictions = readJson<{ questionId: string; prediction: string }[]>(join(out, 'predictions.json'));
    expect(predictions).toHaveLength(323);
    expect(predictions.filter((p) => p.prediction === '').map((p) => p.questionId).sort()).toEqual(['odd-empty', 'odd-long', 'odd-unknown']);
    expect(run.metrics.counts.balanced).toBe(323);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/\| unreadable-question \| 3 \|/);
  });

  it("scores the model's readout attention as grounding, as `sgvqa score` does", () => {
    expect(run.summary.grounding).toBe('computed');
    expect(run.metrics.grounding).toBeGreaterThan(0);
    expect(scoreMetrics(out, questionsPath, join(out, 'predictions.json'))).toEqual(run.metrics);
  });

  it('links the worst questions to their graph and executor trace', () => {
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    const link = /\[graph\]\((report-files\/graphs\/[^)]+\.json)\) · \[trace\]\(#(trace-[^)]+)\)/.exec(md);
    expect(link).not.toBeNull();
    const graph = readJson(join(out, link![1]!));
    expect(Object.keys(graph)).toHaveLength(1);
    expect(md).toContain(`<a id="${link![2]}"></a>`);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`id="${link![2]}"`);
  });

  it('evaluates only the first N questions with --limit, with the same answers whether the model runs in a worker or not', () => {
    const limited = evalJson(['--questions', questionsPath, '--scene-graphs', sampleFiles.sceneGraphs, '--model', model, '--out', join(dir, 'limited'), '--limit', '100']);
    expect(limited.summary.questions).toBe(100);
    const predictions = readJson<{ questionId: string }[]>(join(dir, 'limited', 'predictions.json'));
    expect(predictions.map((p) => p.questionId)).toEqual(Object.keys(readJson(questionsPath)).slice(0, 100));
    expect(limited.metrics.counts.questions).toBe(100);
    const mainThread = evalJson(['--questions', questionsPath, '--scene-graphs', sampleFiles.sceneGraphs, '--model', model, '--out', join(dir, 'limited-main'), '--limit', '100', '--no-worker']);
    expect(readFileSync(join(dir, 'limited-main', 'predictions.json'), 'utf8')).toBe(readFileSync(join(dir, 'limited', 'predictions.json'), 'utf8'));
    expect(mainThread.metrics).toEqual(limited.metrics);
  });

  it('refuses --resume against another model or another questions file, and resumes a finished run without answering again', () => {
    const args = ['--scene-graphs', sampleFiles.sceneGraphs, '--choices', sampleFiles.choices, '--out', out, '--resume'];
    const otherModel = sgvqa(['eval', '--questions', questionsPath, '--model', 'symbolic', ...args]);
    expect(otherModel.status).toBe(1);
    expect(otherModel.stderr).toMatch(/^sgvqa: eval --resume: .*journal\.jsonl was written by a run with another answerer/);
    const otherQuestions = sgvqa(['eval', '--questions', sampleFiles.questions, '--model', model, ...args]);
    expect(otherQuestions.status).toBe(1);
    expect(otherQuestions.stderr).toContain('another questions file');
    const again = evalJson(['--questions', questionsPath, '--model', model, ...args, '--batch', '64']);
    expect(again.summary).toMatchObject({ questions: 323, answeredNow: 0, reused: 323 });
    expect(again.metrics).toEqual(run.metrics);
  });
});

describe('sgvqa eval usage errors', () => {
  /** The CLI in-process: usage errors are thrown before any work starts. */
  async function usageError(args: readonly string[]): Promise<{ name: string; message: string; exitCode: number }> {
    const program = buildProgram();
    const error = await program.parseAsync(['node', 'sgvqa', 'eval', ...args]).then(() => undefined, (e: unknown) => e as CliError);
    expect(error).toBeDefined();
    return { name: error!.name, message: error!.message, exitCode: error!.exitCode };
  }
  const base = ['--questions', sampleFiles.questions, '--out', join(dir, 'x')];

  it('names what is missing or wrong, with exit code 2', async () => {
    expect(await usageError([...base, '--scene-graphs', sampleFiles.sceneGraphs, '--images', sampleFiles.images]))
      .toEqual({ name: 'CliError', message: 'give exactly one of --scene-graphs FILE and --images DIR', exitCode: 2 });
    expect(await usageError([...base, '--scene-graphs', sampleFiles.sceneGraphs, '--model', join(dir, 'none.onnx')]))
      .toEqual({ name: 'CliError', message: `VQA model not found: ${join(dir, 'none.onnx')}`, exitCode: 2 });
    expect(await usageError([...base, '--scene-graphs', sampleFiles.sceneGraphs, '--model', 'symbolic', '--limit', '0']))
      .toEqual({ name: 'CliError', message: '--limit must be an integer >= 1, got "0"', exitCode: 2 });
    expect(await usageError([...base, '--scene-graphs', sampleFiles.sceneGraphs, '--model', 'symbolic', '--write-graphs']))
      .toEqual({ name: 'CliError', message: '--write-graphs goes with --images', exitCode: 2 });
    expect(await usageError([...base, '--images', sampleFiles.images, '--model', 'symbolic', '--sgg', join(dir, 'none.onnx')]))
      .toEqual({ name: 'CliError', message: `scene-graph generator not found: ${join(dir, 'none.onnx')}`, exitCode: 2 });
  });

  it('says how to build a default model that is absent', () => {
    // The shipped model is present in the repository, so the absent default is a path that does not exist.
    const absent = join(dir, 'pretrained', 'vqa.onnx');
    expect(() => requireModel(undefined, absent, 'VQA model', 'npm run train:vqa', '--model FILE or --model symbolic'))
      .toThrowError(`VQA model not found: ${relative(process.cwd(), absent)} (build it with \`npm run train:vqa\`, or pass --model FILE or --model symbolic)`);
    expect(requireModel(undefined, join(repoRoot, 'package.json'), 'VQA model', 'npm run train:vqa', '--model FILE')).toBe(join(repoRoot, 'package.json'));
  });
});
