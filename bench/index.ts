/**
 * `npm run bench [-- <name>...]`: runs the benchmarks one after another, each in its own child process
 * (so one bench's heap, threads and RSS never colour the next one's figures), and passes their output
 * through. With no names it runs them all, which takes a while: `npm run bench -- --list` shows them.
 * Extra options after the names go to every selected bench (e.g. `npm run bench -- sgg --runs 5`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const runTs = join(benchDir, '..', 'bin', 'run-ts.js');

interface Bench {
  readonly file: string;
  readonly what: string;
}

const BENCHES: Record<string, Bench> = {
  'graph-stats': { file: 'graph-stats.ts', what: 'graph stats / validate on 200,000 objects: time and peak RSS' },
  'world-render': { file: 'world-render.ts', what: 'shapes-world rendering: scenes/s' },
  nn: { file: 'nn/index.ts', what: 'training engine: MatMul GFLOP/s, GNN and CNN training steps' },
  sgg: { file: 'sgg.ts', what: 'scene-graph generator: ONNX run at batch 1, batched extraction images/s' },
  vqa: { file: 'vqa.ts', what: 'VQA model: ms per question, answer() on a PNG, batched questions/s' },
  score: { file: 'score.ts', what: 'sgvqa score on 1,000,000 questions: questions/s and peak RSS' },
  eval: { file: 'eval.ts', what: 'sgvqa eval: questions/s on cached graphs, images/s, peak RSS' },
  api: { file: 'api.ts', what: 'HTTP API load: p50/p99 latency, answers/s, RSS over 10,000 requests' },
};

const args = process.argv.slice(2);
if (args.includes('--list') || args.includes('--help') || args.includes('-h')) {
  console.log('npm run bench [-- <name>... [options for the benches]]\n');
  for (const [name, bench] of Object.entries(BENCHES)) console.log(`  ${name.padEnd(12)} ${bench.what}`);
  process.exit(0);
}

const firstOption = args.findIndex((arg) => arg.startsWith('-'));
const names = firstOption < 0 ? args : args.slice(0, firstOption);
const passThrough = firstOption < 0 ? [] : args.slice(firstOption);
const unknown = names.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`bench: unknown bench ${unknown.map((n) => `'${n}'`).join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}

const selected = names.length > 0 ? names : Object.keys(BENCHES);
const failed: string[] = [];
for (const name of selected) {
  const bench = BENCHES[name]!;
  const file = join(benchDir, bench.file);
  if (!existsSync(file)) {
    console.log(`\n== ${name}: ${bench.file} is not in this checkout, skipped`);
    continue;
  }
  console.log(`\n== ${name}: ${bench.what}`);
  const result = spawnSync(process.execPath, [runTs, file, ...passThrough], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(`${name} (exit ${result.status ?? result.signal})`);
}
if (failed.length > 0) {
  console.error(`\nbench: failed: ${failed.join(', ')}`);
  process.exit(1);
}
