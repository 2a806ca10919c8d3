/**
 * `sgvqa eval` figures (issue 7; DESIGN §7): each run is the real command in a child process, under GNU
 * time for its peak RSS, on shapes-world data generated here (a world split with images, copied under new
 * ids to the sizes needed; the world's manifest sits beside the questions, so the executor uses the
 * world's ontology).
 *
 * 1. cached scene graphs: questions/s of the answering phase and end to end (loading, scoring and reports
 *    included), with the VQA model (target >= 5,000 q/s) and with the symbolic executor; median of runs;
 * 2. `--images`: images/s (PNG decode, generator, location, questions answered), median of runs
 *    (target >= 150 images/s);
 * 3. 1,000,000 questions with the executor on cached graphs: time and peak RSS (target < 2 GB).
 *
 * The shipped models (models/pretrained/vqa.onnx, sgg.onnx) are used when present; a figure that needs a
 * missing one is skipped with a note. The machine is shared: the load average is printed with the
 * figures, and figures taken under load say so.
 *
 *   node bin/run-ts.js bench/eval.ts [--questions 50000] [--runs 3] [--images 300] [--rss-questions 1000000]
 *                                    [--vqa FILE] [--sgg FILE] [--only cached|images|rss] [--skip-rss] [--rss-model] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateWorldDataset } from '../graph/world/index.ts';
import { writeJsonObjectAtomic } from '../graph/io/atomic-write.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  strict: false,
  options: {
    questions: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '3' },
    images: { type: 'string', default: '300' },
    'rss-questions': { type: 'string', default: '1000000' },
    vqa: { type: 'string', default: join(root, 'models/pretrained/vqa.onnx') },
    sgg: { type: 'string', default: join(root, 'models/pretrained/sgg.onnx') },
    'skip-rss': { type: 'boolean', default: false },
    only: { type: 'string' },
    'rss-model': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const count = (name: string): number => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`bench/eval: --${name} must be a positive integer, got ${String(values[name])}`);
  return n;
};
const questionCount = count('questions');
const runs = count('runs');
const imageCount = count('images');
const rssQuestions = count('rss-questions');
const vqa = resolve(String(values.vqa));
const sgg = resolve(String(values.sgg));
const haveVqa = existsSync(vqa);
const haveSgg = existsSync(sgg);
const only = values.only === undefined ? undefined : String(values.only);
if (only !== undefined && !['cached', 'images', 'rss'].includes(only)) throw new Error(`bench/eval: --only must be cached, images or rss, got ${only}`);
const part = (name: string): boolean => only === undefined || only === name;

const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' / ');
const underLoad = (): string => (loadavg()[0]! > 1.5 ? ' (under load: the machine is shared; re-measure on a quiet one)' : '');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number): string => Math.round(n).toLocaleString('en');

type Json = Record<string, Record<string, unknown>>;

/** Questions, scene graphs and choices of the world split in `src`, copied under new ids up to `total` questions. */
async function replicate(src: string, out: string, total: number): Promise<{ questions: string; sceneGraphs: string; choices: string }> {
  mkdirSync(out, { recursive: true });
  const questions = Object.entries(JSON.parse(readFileSync(join(src, 'questions.json'), 'utf8')) as Json);
  const scenes = Object.entries(JSON.parse(readFileSync(join(src, 'sceneGraphs.json'), 'utf8')) as Json);
  const choices = JSON.parse(readFileSync(join(src, 'choices.json'), 'utf8')) as Json;
  const copies = Math.ceil(total / questions.length);
  const id = (base: string, c: number): string => (c === 0 ? base : `${base}-c${c}`);
  function* questionEntries(): Generator<[string, unknown]> {
    let n = 0;
    for (let c = 0; c < copies; c++) {
      for (const [qid, q] of questions) {
        if (n++ >= total) return;
        yield [id(qid, c), {
          ...q,
          imageId: id(q.imageId as string, c),
          entailed: ((q.entailed as string[] | undefined) ?? []).map((e) => id(e, c)),
          equivalent: ((q.equivalent as string[] | undefined) ?? []).map((e) => id(e, c)),
        }];
      }
    }
  }
  function* sceneEntries(): Generator<[string, unknown]> {
    for (let c = 0; c < copies; c++) for (const [imageId, scene] of scenes) yield [id(imageId, c), scene];
  }
  function* choiceEntries(): Generator<[string, unknown]> {
    let n = 0;
    for (let c = 0; c < copies; c++) {
      for (const [qid] of questions) {
        if (n++ >= total) return;
        yield [id(qid, c), choices[qid]];
      }
    }
  }
  const files = { questions: join(out, 'questions.json'), sceneGraphs: join(out, 'sceneGraphs.json'), choices: join(out, 'choices.json') };
  await writeJsonObjectAtomic(files.questions, questionEntries());
  await writeJsonObjectAtomic(files.sceneGraphs, sceneEntries());
  await writeJsonObjectAtomic(files.choices, choiceEntries());
  copyFileSync(join(src, 'manifest.json'), join(out, 'manifest.json'));
  return files;
}

interface EvalRun {
  summary: {
    questions: number;
    answeredNow: number;
    questionsPerSecond: number;
    images?: { predicted: number; perSecond: number };
    seconds: { loading: number; answering: number; scoring: number; reports: number; total: number };
  };
  peakMb: number;
  wallSeconds: number;
}

/** `sgvqa eval ... --json` in a child process under GNU time (peak RSS, kB, last line of stderr). */
function sgvqaEval(args: readonly string[]): EvalRun {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(root, 'bin/sgvqa.js'), 'eval', ...args, '--json'], {
    encoding: 'utf8', env: { ...process.env, SGVQA_PROGRESS: '0' }, maxBuffer: 256 << 20,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`bench/eval: sgvqa eval ${args.join(' ')} failed:\n${result.stderr}`);
  const peakMb = Number(result.stderr.trim().split('\n').pop()) / 1024;
  return { summary: (JSON.parse(result.stdout) as { summary: EvalRun['summary'] }).summary, peakMb, wallSeconds };
}

function report(label: string, results: EvalRun[], rate: (r: EvalRun) => number, unit: string, target?: string): void {
  const rates = results.map(rate);
  const endToEnd = results.map((r) => r.summary.questions / r.wallSeconds);
  console.log(`${label.padEnd(46)} median ${fmt(median(rates))} ${unit} (runs: ${rates.map(fmt).join(', ')})${target ? `; target ${target}` : ''}`);
  console.log(`${''.padEnd(46)} end to end (process start to exit) ${fmt(median(endToEnd))} questions/s; peak RSS ${fmt(Math.max(...results.map((r) => r.peakMb)))} MB${underLoad()}`);
}

const dir = mkdtempSync(join(tmpdir(), 'sgvqa-bench-eval-'));
console.log(`bench/eval: load average ${load()} (1 / 5 / 15 min); VQA model ${haveVqa ? vqa : `absent (${vqa})`}; generator ${haveSgg ? sgg : `absent (${sgg})`}`);
try {
  let started = performance.now();
  const world = join(dir, 'world');
  await generateWorldDataset({ out: world, scenes: imageCount, questionsPerScene: 10, seed: 7, split: 'bench' });
  const cached = await replicate(world, join(dir, 'cached'), part('cached') ? questionCount : 1);
  console.log(`data: ${imageCount} world scenes with images, ${fmt(questionCount)} questions on copies of their graphs (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  // 1. Cached scene graphs.
  const cachedArgs = (model: string, out: string) => ['--questions', cached.questions, '--scene-graphs', cached.sceneGraphs, '--choices', cached.choices, '--model', model, '--out', out];
  if (!part('cached')) {
    // skipped (--only)
  } else if (haveVqa) {
    const results = Array.from({ length: runs }, (_, r) => sgvqaEval(cachedArgs(vqa, join(dir, `vqa-${r}`))));
    report(`1. cached graphs, VQA model, ${fmt(questionCount)} q`, results, (r) => r.summary.questionsPerSecond, 'questions/s answering', '>= 5,000');
  } else {
    console.log('1. cached graphs, VQA model: skipped (no VQA model; build it with `npm run train:vqa` or pass --vqa FILE)');
  }
  if (part('cached')) {
    const symbolic = Array.from({ length: runs }, (_, r) => sgvqaEval(cachedArgs('symbolic', join(dir, `symbolic-${r}`))));
    report(`1. cached graphs, symbolic executor, ${fmt(questionCount)} q`, symbolic, (r) => r.summary.questionsPerSecond, 'questions/s answering');
  }

  // 2. Image folder through the generator.
  if (!part('images')) {
    // skipped (--only)
  } else if (haveSgg) {
    const answerer = haveVqa ? vqa : 'symbolic';
    const results = Array.from({ length: runs }, (_, r) => sgvqaEval([
      '--questions', join(world, 'questions.json'), '--images', join(world, 'images'), '--sgg', sgg, '--model', answerer, '--out', join(dir, `images-${r}`),
    ]));
    report(`2. --images, ${imageCount} PNGs, ${haveVqa ? 'VQA model' : 'symbolic'}`, results, (r) => r.summary.images!.perSecond, 'images/s (10 questions each)', '>= 150');
  } else {
    console.log('2. --images: skipped (no scene-graph generator; build it with `npm run train:sgg` or pass --sgg FILE)');
  }

  // 3. Peak RSS on 1M questions.
  if (!values['skip-rss'] && part('rss')) {
    started = performance.now();
    const big = await replicate(world, join(dir, 'big'), rssQuestions);
    const mb = (path: string): string => fmt(statSync(path).size / 1e6);
    console.log(`data: ${fmt(rssQuestions)} questions (${mb(big.questions)} MB), scene graphs ${mb(big.sceneGraphs)} MB, choices ${mb(big.choices)} MB (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    for (const model of values['rss-model'] && haveVqa ? ['symbolic', vqa] : ['symbolic']) {
      const run = sgvqaEval(['--questions', big.questions, '--scene-graphs', big.sceneGraphs, '--choices', big.choices, '--model', model, '--out', join(dir, `big-${model === 'symbolic' ? 'symbolic' : 'vqa'}`)]);
      console.log(`3. ${fmt(rssQuestions)} questions, ${model === 'symbolic' ? 'symbolic executor' : 'VQA model'}: ${run.wallSeconds.toFixed(1)} s, ` +
        `${fmt(run.summary.questionsPerSecond)} questions/s answering, peak RSS ${fmt(run.peakMb)} MB (target < 2,048 MB)${underLoad()}`);
    }
  }
  console.log(`bench/eval: load average at the end ${load()}`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
