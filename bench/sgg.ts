/**
 * Scene-graph generator speed, the two figures issue 5 asks for:
 * 1. the ONNX run at batch 1 (input tensor in, contract outputs out): median and p90 over many images,
 *    for 1 and 2 onnxruntime threads;
 * 2. batched extraction from PNG files on disk, decode included (`sgg extract` on a folder of world test
 *    images): images per second, wall clock.
 * Both also print the CPU time per image (all threads of the process) and the load average: the machine
 * is shared, so wall-clock figures depend on what else runs; CPU time per image says what the work costs.
 *
 * Run: node bin/run-ts.js bench/sgg.ts [--sgg models/pretrained/sgg.onnx] [--images 400] [--runs 3]
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Rng, renderScenes, sampleWorldScene } from '../graph/world/index.ts';
import { extractSceneGraphs, loadSceneGraphGenerator } from '../models/sgg/index.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const sggPath = resolve(arg('sgg', 'models/pretrained/sgg.onnx'));
const imageCount = Number(arg('images', '400'));
const runs = Number(arg('runs', '3'));
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

console.log(`sgg bench: ${sggPath}, ${availableParallelism()} cores, load average ${load()}`);

const dir = mkdtempSync(join(tmpdir(), 'sgg-bench-'));
const images = join(dir, 'images');
mkdirSync(images);
const scenes = Array.from({ length: imageCount }, (_, i) => sampleWorldScene(new Rng(0, 'test', i, 'scene'), `test-${String(i).padStart(6, '0')}`));
await renderScenes(scenes, (scene, png) => writeFileSync(join(images, `${scene.imageId}.png`), png));

try {
  // 1. The ONNX run at batch 1.
  for (const threads of [1, 2]) {
    const generator = await loadSceneGraphGenerator(sggPath, { threads });
    const rasters = [];
    for (let i = 0; i < Math.min(100, imageCount); i++) rasters.push((await generator.prepareFile(join(images, `${scenes[i]!.imageId}.png`))).raster);
    for (const r of rasters.slice(0, 10)) await generator.run(r);
    const times: number[] = [];
    const cpu = process.cpuUsage();
    for (let rep = 0; rep < runs; rep++) {
      for (const r of rasters) {
        const t = performance.now();
        await generator.run(r);
        times.push(performance.now() - t);
      }
    }
    console.log(
      `  onnx run, batch 1, ${threads} thread${threads > 1 ? 's' : ''}: median ${percentile(times, 0.5).toFixed(2)} ms, p90 ${percentile(times, 0.9).toFixed(2)} ms, `
      + `best ${Math.min(...times).toFixed(2)} ms, CPU ${(cpuMs(cpu) / times.length).toFixed(2)} ms/image (load ${load()})`,
    );
    await generator.release();
  }

  // 2. Batched extraction from PNG files, decode included.
  for (const threads of [1, 2]) {
    const generator = await loadSceneGraphGenerator(sggPath, { threads });
    const rates: number[] = [];
    const cpus: number[] = [];
    for (let rep = 0; rep < runs; rep++) {
      const out = join(dir, `graphs-${threads}-${rep}.json`);
      const cpu = process.cpuUsage();
      const summary = await extractSceneGraphs(generator, { imagesDir: images, outPath: out, resume: false });
      rates.push(summary.written / summary.seconds);
      cpus.push(cpuMs(cpu) / summary.written);
    }
    console.log(
      `  extraction from PNG, ${imageCount} images, ${threads} onnx thread${threads > 1 ? 's' : ''}: median ${percentile(rates, 0.5).toFixed(0)} images/s, `
      + `best ${Math.max(...rates).toFixed(0)} images/s, CPU ${percentile(cpus, 0.5).toFixed(2)} ms/image (load ${load()})`,
    );
    await generator.release();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
