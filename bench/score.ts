/**
 * Scale check for `sgvqa score`: generates N synthetic GQA questions (default 1,000,000; GQA-like entries
 * of ~700 bytes with programs, ~3 entailed ids, groups, annotations; 85 % balanced), official-format
 * predictions (one per question, ~60 % right) and a choices file, then runs `sgvqa score` on them in a
 * child process and prints the wall time, questions/s and the child's peak RSS (GNU time). Target:
 * peak RSS < 2 GB at 1M questions.
 *
 *   node bin/run-ts.js bench/score.ts [--questions N] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeJsonArrayAtomic, writeJsonObjectAtomic } from '../graph/io/atomic-write.ts';

const argQuestions = process.argv.indexOf('--questions');
const total = argQuestions > 0 ? Number(process.argv[argQuestions + 1]) : 1_000_000;
const keep = process.argv.includes('--keep');
if (!Number.isInteger(total) || total <= 0) throw new Error(`bench/score: --questions must be a positive integer`);

const objects = ['cup', 'plate', 'table', 'man', 'shirt', 'car', 'tree', 'dog', 'window', 'sign'];
const colors = ['red', 'blue', 'green', 'white', 'black', 'yellow', 'brown', 'gray'];
const kinds = [
  { structural: 'query', semantic: 'attr', detailed: 'queryAttr', answers: colors },
  { structural: 'query', semantic: 'rel', detailed: 'relS', answers: objects },
  { structural: 'verify', semantic: 'attr', detailed: 'verifyAttr', answers: ['yes', 'no'] },
  { structural: 'logical', semantic: 'obj', detailed: 'existAnd', answers: ['yes', 'no'] },
  { structural: 'choose', semantic: 'attr', detailed: 'chooseAttr', answers: colors },
  { structural: 'compare', semantic: 'attr', detailed: 'twoCommon', answers: ['color', 'material', 'shape'] },
];

/** Deterministic pseudo-random integers (xorshift), so runs are comparable. */
let state = 0x9e3779b9;
function random(n: number): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) % n;
}

const qid = (i: number): string => String(10_000_000 + i);
const kindOf = (i: number) => kinds[i % kinds.length]!;
const goldOf = (i: number): string => {
  const answers = kindOf(i).answers;
  return answers[(i * 7) % answers.length]!;
};

function* questions(): Generator<[string, unknown]> {
  for (let i = 0; i < total; i++) {
    const kind = kindOf(i);
    const image = String(2_000_000 + Math.floor(i / 8));
    const subject = objects[i % objects.length]!;
    const objectId = String(100_000 + random(1_000_000));
    const entailed = Array.from({ length: random(6) }, () => qid(random(total)));
    yield [qid(i), {
      imageId: image,
      question: `What ${kind.semantic === 'attr' ? 'color' : 'thing'} is the ${subject} that is on the ${objects[random(10)]}?`,
      answer: goldOf(i),
      fullAnswer: `The ${subject} is ${goldOf(i)}.`,
      isBalanced: i % 20 >= 3,
      types: { structural: kind.structural, semantic: kind.semantic, detailed: kind.detailed },
      semantic: [
        { operation: 'select', argument: `${subject} (${objectId})`, dependencies: [] },
        { operation: 'relate', argument: `${objects[random(10)]},on,o (${objectId})`, dependencies: [0] },
        { operation: kind.structural === 'query' ? 'query' : 'verify color', argument: kind.structural === 'query' ? 'name' : 'red', dependencies: [1] },
      ],
      semanticStr: `select: ${subject} (${objectId})->relate: on [0]->query: name [1]`,
      entailed,
      equivalent: [qid(i)],
      groups: { global: kind.structural === 'query' ? kind.semantic === 'attr' ? 'color' : subject : null, local: `13-${subject}_color` },
      annotations: { answer: {}, question: { '5': objectId }, fullAnswer: { '1': objectId } },
    }];
  }
}

function* predictions(): Generator<unknown> {
  for (let i = 0; i < total; i++) {
    const answers = kindOf(i).answers;
    // Wrong answers are sometimes outside the question's answer set, so validity is not trivially 100 %.
    yield { questionId: qid(i), prediction: random(10) < 6 ? goldOf(i) : random(4) === 0 ? 'unsure' : answers[random(answers.length)]! };
  }
}

function* choices(): Generator<[string, unknown]> {
  for (let i = 0; i < total; i++) {
    const answers = kindOf(i).answers;
    yield [qid(i), { valid: answers, plausible: answers.slice(0, Math.max(2, answers.length >> 1)) }];
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sgvqa-bench-score-'));
const files = { questions: join(dir, 'questions.json'), predictions: join(dir, 'predictions.json'), choices: join(dir, 'choices.json') };
try {
  let started = performance.now();
  await writeJsonObjectAtomic(files.questions, questions());
  await writeJsonArrayAtomic(files.predictions, predictions());
  await writeJsonObjectAtomic(files.choices, choices());
  const mb = (path: string): string => (statSync(path).size / 1e6).toFixed(0);
  console.log(`generated ${total.toLocaleString('en')} questions in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
    `questions ${mb(files.questions)} MB, predictions ${mb(files.predictions)} MB, choices ${mb(files.choices)} MB (${dir})`);

  const cli = resolve(import.meta.dirname, '../bin/sgvqa.js');
  const args = ['score', '--questions', files.questions, '--predictions', files.predictions, '--choices', files.choices, '--out', join(dir, 'out'), '--json'];
  started = performance.now();
  // GNU time prints the child's peak RSS (kB) as the last line of stderr with -f %M.
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SGVQA_PROGRESS: '0' },
    maxBuffer: 64 << 20,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`bench/score: sgvqa score failed: ${result.stderr}`);
  const peakMb = Number(result.stderr.trim().split('\n').pop()) / 1024;
  const metrics = JSON.parse(result.stdout) as { accuracy: number; consistency: number; validity: number; counts: { balanced: number } };
  console.log(`sgvqa score: ${seconds.toFixed(1)} s, ${Math.round(total / seconds).toLocaleString('en')} questions/s, ` +
    `peak RSS ${peakMb.toFixed(0)} MB (target < 2048 MB)`);
  console.log(`  ${metrics.counts.balanced.toLocaleString('en')} balanced; accuracy ${metrics.accuracy.toFixed(2)} %, ` +
    `consistency ${metrics.consistency.toFixed(2)} %, validity ${metrics.validity.toFixed(2)} %`);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
