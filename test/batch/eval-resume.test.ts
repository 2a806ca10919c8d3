/**
 * `sgvqa eval` survives interruption: a real child process killed with SIGKILL half-way leaves no file
 * that looks complete, and `--resume` ends with the same predictions and metrics as an uninterrupted run
 * (also over a torn last journal line). And the image-folder mode: graphs predicted once per image (an
 * untrained generator of the shipped architecture), bad images recorded and their questions counted as
 * failed, predicted graphs written and reused on resume, image links in the report.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GqaMetrics } from '../../server/batch/index.ts';
import { repoRoot } from '../helpers/shared-data.ts';
import { readJson, replicateSample, sampleFiles, sgvqa, trainTinyVqa, untrainedGenerator, type Json } from './eval-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'sgvqa-eval-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let model: string;
beforeAll(async () => {
  model = await trainTinyVqa(join(dir, 'tiny'));
}, 180_000);

interface Summary {
  questions: number;
  answeredNow: number;
  reused: number;
  unanswered: Record<string, number>;
  images?: { predicted: number; reused: number; failed: number };
}

function evalJson(args: readonly string[]): { metrics: GqaMetrics; summary: Summary } {
  const result = sgvqa(['eval', ...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as { metrics: GqaMetrics; summary: Summary };
}

const journalLines = (out: string): number => (existsSync(join(out, 'journal.jsonl')) ? readFileSync(join(out, 'journal.jsonl'), 'utf8').split('\n').length - 1 : 0);

/** Starts `sgvqa eval` and kills it (SIGKILL) once its journal holds `batches` batches. */
async function killAfter(args: readonly string[], out: string, batches: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/sgvqa.js'), 'eval', ...args], { env: { ...process.env, SGVQA_PROGRESS: '0' }, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  for (;;) {
    if (journalLines(out) >= 1 + batches) {
      child.kill('SIGKILL');
      break;
    }
    if (child.exitCode !== null) break;
    await new Promise((wait) => setTimeout(wait, 20));
  }
  return exited;
}

// Each test runs `sgvqa eval` several times in child processes: seconds on an idle machine, minutes on a busy one.
const SLOW = { timeout: 300_000 };

describe('a run killed half-way', SLOW, () => {
  it('resumes to the same predictions and metrics as an uninterrupted run', async () => {
    const files = replicateSample(join(dir, 'data'), 10); // 3,200 questions, 200 batches of 16
    const args = (out: string) => ['--questions', files.questions, '--scene-graphs', files.sceneGraphs, '--choices', files.choices, '--model', model, '--out', out, '--batch', '16'];
    const whole = join(dir, 'whole');
    const reference = evalJson(args(whole));
    expect(reference.summary).toMatchObject({ questions: 3200, answeredNow: 3200, reused: 0 });

    const killed = join(dir, 'killed');
    expect(await killAfter(args(killed), killed, 20)).toBe('SIGKILL');
    const journaled = journalLines(killed) - 1;
    expect(journaled).toBeGreaterThanOrEqual(20);
    expect(journaled).toBeLessThan(200); // it was stopped before the end
    for (const name of ['predictions.json', 'metrics.json', 'report.md', 'report.html']) expect(existsSync(join(killed, name))).toBe(false);
    // As if the kill had torn the last line of the journal in the middle of a write.
    appendFileSync(join(killed, 'journal.jsonl'), '{"batch":999,"answers":[[0,"sample-000000-q0","circ');

    const resumed = evalJson([...args(killed), '--resume']);
    expect(resumed.summary.reused).toBeGreaterThanOrEqual(20 * 16);
    expect(resumed.summary.answeredNow).toBeGreaterThan(0);
    expect(resumed.summary.reused + resumed.summary.answeredNow).toBe(3200);
    expect(readFileSync(join(killed, 'predictions.json'), 'utf8')).toBe(readFileSync(join(whole, 'predictions.json'), 'utf8'));
    expect(readFileSync(join(killed, 'metrics.json'), 'utf8')).toBe(readFileSync(join(whole, 'metrics.json'), 'utf8'));
    expect(resumed.metrics.grounding).not.toBeNull();
    // The journal now holds every question once.
    const answered = readFileSync(join(killed, 'journal.jsonl'), 'utf8').trim().split('\n').slice(1)
      .flatMap((line) => (JSON.parse(line) as { answers: [number][] }).answers.map((a) => a[0]));
    expect(answered).toHaveLength(3200);
    expect(new Set(answered).size).toBe(3200);
  });
});

describe('sgvqa eval --images', SLOW, () => {
  const images = join(dir, 'images');
  const out = join(dir, 'images-run');
  const questionsPath = join(dir, 'images-questions.json');
  let sgg: string;
  let run: { metrics: GqaMetrics; summary: Summary };
  beforeAll(async () => {
    sgg = await untrainedGenerator(join(dir, 'sgg'));
    mkdirSync(images);
    for (let i = 0; i < 6; i++) copyFileSync(join(sampleFiles.images, `sample-00000${i}.png`), join(images, `sample-00000${i}.png`));
    writeFileSync(join(images, 'sample-000006.png'), readFileSync(join(sampleFiles.images, 'sample-000006.png')).subarray(0, 2000)); // truncated
    writeFileSync(join(images, 'sample-000007.png'), ''); // empty; sample-000008 has no file at all
    const questions = readJson(sampleFiles.questions);
    const kept: Json = {};
    for (const [qid, q] of Object.entries(questions)) if (/^sample-00000[0-8]-/.test(qid)) kept[qid] = q;
    writeFileSync(questionsPath, JSON.stringify(kept));
    run = evalJson(['--questions', questionsPath, '--images', images, '--sgg', sgg, '--model', model, '--out', out, '--write-graphs', '--batch', '16']);
  }, 300_000);

  it('predicts each image once, records the bad ones and counts their questions as failed', () => {
    expect(run.summary).toMatchObject({ questions: 90, answeredNow: 90, images: { predicted: 6, reused: 0, failed: 3 } });
    expect(run.summary.unanswered).toEqual({ 'bad-image': 20, 'no-graph': 10 });
    const failed = readJson<{ imageId: string; cause: string; message: string }[]>(join(out, 'failed-images.json'));
    expect(failed.map((f) => [f.imageId, f.cause]).sort()).toEqual([['sample-000006', 'bad-image'], ['sample-000007', 'bad-image'], ['sample-000008', 'no-graph']]);
    expect(failed.find((f) => f.imageId === 'sample-000007')!.message).toMatch(/empty/);
    expect(run.metrics.grounding).toBeNull();
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## Images that failed');
  });

  it('writes the predicted graphs as a GQA scene-graphs file that validates', () => {
    const graphs = readJson(join(out, 'scene-graphs.json'));
    expect(Object.keys(graphs).sort()).toEqual(['sample-000000', 'sample-000001', 'sample-000002', 'sample-000003', 'sample-000004', 'sample-000005']);
    expect(graphs['sample-000000']).toMatchObject({ width: 256, height: 256 });
    const check = sgvqa(['graph', 'validate', join(out, 'scene-graphs.json'), '--kind', 'scene-graphs']);
    expect(check.status).toBe(0);
  });

  it('links each worst question to its image file', () => {
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    const link = /\[image\]\(([^)]+\.png)\)/.exec(md);
    expect(link).not.toBeNull();
    expect(existsSync(resolve(out, decodeURI(link![1]!)))).toBe(true);
    expect(dirname(resolve(out, decodeURI(link![1]!)))).toBe(images);
  });

  it('reuses the predicted graphs and the journaled answers when resumed', () => {
    const predictions = readFileSync(join(out, 'predictions.json'), 'utf8');
    // Keep the journal's header and first two batches (32 questions), as if the run had stopped there.
    const journal = join(out, 'journal.jsonl');
    writeFileSync(journal, `${readFileSync(journal, 'utf8').split('\n').slice(0, 3).join('\n')}\n`);
    const again = evalJson(['--questions', questionsPath, '--images', images, '--sgg', sgg, '--model', model, '--out', out, '--resume']);
    expect(again.summary).toMatchObject({ answeredNow: 90 - 32, reused: 32 });
    expect(again.summary.images!.predicted).toBe(0); // every graph comes from predicted-graphs.jsonl
    expect(again.summary.images!.reused).toBeGreaterThan(0);
    expect(again.metrics).toEqual(run.metrics);
    expect(readFileSync(join(out, 'predictions.json'), 'utf8')).toBe(predictions);
  });
});
