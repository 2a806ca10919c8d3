/**
 * Scale check for streamed GQA files: generates a GQA-format scene-graphs file with 200,000 objects
 * (10,000 images x 20 objects, 3 relations and 2 attributes each), then runs `sgvqa graph stats` and
 * `sgvqa graph validate` on it in a child process, three times each, and prints the median wall time and
 * the peak RSS (from /proc via the child's resource usage).
 *
 *   node bin/run-ts.js bench/graph-stats.ts [--objects N]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeJsonObjectAtomic } from '../graph/io/atomic-write.ts';

const argObjects = process.argv.indexOf('--objects');
const totalObjects = argObjects > 0 ? Number(process.argv[argObjects + 1]) : 200_000;
const perImage = 20;
const images = Math.ceil(totalObjects / perImage);
const names = ['man', 'shirt', 'tree', 'car', 'window', 'table', 'cup', 'dog', 'sky', 'wall', 'building', 'road'];
const attributes = ['white', 'black', 'red', 'large', 'small', 'wooden', 'metal', 'green', 'blue', 'tall'];
const predicates = ['on', 'to the left of', 'to the right of', 'wearing', 'near', 'in', 'behind', 'holding'];

function* scenes(): Generator<[string, unknown]> {
  let id = 1_000_000;
  for (let i = 0; i < images; i++) {
    const ids = Array.from({ length: perImage }, () => String(id++));
    const objects: Record<string, unknown> = {};
    ids.forEach((objectId, k) => {
      objects[objectId] = {
        name: names[(i + k) % names.length],
        x: (k * 37) % 500, y: (k * 53) % 300, w: 20 + (k % 50), h: 30 + (k % 40),
        attributes: [attributes[(i + k) % attributes.length], attributes[(i * 7 + k) % attributes.length]],
        relations: [1, 2, 3].map((d) => ({ name: predicates[(i + k + d) % predicates.length], object: ids[(k + d) % perImage] })),
      };
    });
    yield [String(2_000_000 + i), { width: 640, height: 480, location: i % 3 ? 'street' : 'kitchen', objects }];
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'sgvqa-bench-'));
const file = join(dir, 'sceneGraphs.json');
try {
  await writeJsonObjectAtomic(file, scenes());
  console.log(`file: ${images} images, ${images * perImage} objects, ${(statSync(file).size / 1e6).toFixed(1)} MB`);
  const cli = resolve(import.meta.dirname, '../bin/sgvqa.js');
  for (const command of [['graph', 'stats', file, '--json'], ['graph', 'validate', file]]) {
    const times: number[] = [];
    const rss: number[] = [];
    for (let run = 0; run < 3; run++) {
      // GNU time reports the child's peak RSS (kB) on stderr with -f.
      const started = performance.now();
      const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...command], { encoding: 'utf8' });
      times.push((performance.now() - started) / 1000);
      if (result.status !== 0) throw new Error(`sgvqa ${command.join(' ')} failed: ${result.stderr}`);
      rss.push(Number(result.stderr.trim().split('\n').pop()) / 1024);
    }
    console.log(`sgvqa ${command.slice(0, 2).join(' ')}: median ${median(times).toFixed(2)} s, peak RSS median ${median(rss).toFixed(0)} MB (max ${Math.max(...rss).toFixed(0)} MB)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
