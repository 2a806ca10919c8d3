/**
 * Renderer throughput of the shapes world: scenes are sampled first, then rendered to PNG (background
 * raster + SVG objects through sharp + PNG encoding), several times; prints the median wall-clock rate
 * and the CPU time per scene (all threads of the process), whose inverse times the core count is the
 * rate the renderer reaches on an otherwise idle machine — the figure to compare when the machine is
 * shared. Run: node bin/run-ts.js bench/world-render.ts [scenes] [runs]
 */
import { availableParallelism, loadavg } from 'node:os';
import { renderScenes, renderScenesRgb, Rng, sampleWorldScene, type WorldScene } from '../graph/world/index.ts';

const count = Number(process.argv[2] ?? 400);
const runs = Number(process.argv[3] ?? 5);
const cores = availableParallelism();

const scenes: WorldScene[] = Array.from({ length: count }, (_, i) => sampleWorldScene(new Rng('bench', i), `bench-${i}`));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(concurrency: number, compressionLevel: number): Promise<{ rate: number; cpuMs: number; kb: number }> {
  const rates: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  await renderScenes(scenes.slice(0, 32), () => undefined, { concurrency, compressionLevel }); // warm-up
  for (let run = 0; run < runs; run++) {
    bytes = 0;
    const usage = process.cpuUsage();
    const started = performance.now();
    await renderScenes(scenes, (_scene, png) => {
      bytes += png.length;
    }, { concurrency, compressionLevel });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(usage);
    rates.push(count / seconds);
    cpu.push((used.user + used.system) / 1000 / count);
  }
  return { rate: median(rates), cpuMs: median(cpu), kb: bytes / count / 1024 };
}

console.log(`world renderer: ${count} scenes x ${runs} runs, ${cores} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const compressionLevel of [1, 6]) {
  for (const concurrency of [2, 4, 8]) {
    const { rate, cpuMs, kb } = await measure(concurrency, compressionLevel);
    console.log(
      `  png level ${compressionLevel}, ${concurrency} in flight: median ${rate.toFixed(0)} scenes/s wall-clock, `
      + `${cpuMs.toFixed(2)} ms CPU/scene -> ${((cores * 1000) / cpuMs).toFixed(0)} scenes/s on ${cores} idle cores, ${kb.toFixed(1)} KB/image`,
    );
  }
}

// Without PNG encoding (on-the-fly training images): RGB pixels only.
{
  const rates: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < runs; run++) {
    const usage = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 2 }, async () => {
      while (next < count) {
        const batch = scenes.slice(next, next + 8);
        next += 8;
        await renderScenesRgb(batch);
      }
    }));
    const used = process.cpuUsage(usage);
    rates.push(count / ((performance.now() - started) / 1000));
    cpu.push((used.user + used.system) / 1000 / count);
  }
  console.log(
    `  RGB pixels only, 2 batches of 8 in flight: median ${median(rates).toFixed(0)} scenes/s wall-clock, ${median(cpu).toFixed(2)} ms CPU/scene `
    + `-> ${((cores * 1000) / median(cpu)).toFixed(0)} scenes/s on ${cores} idle cores`,
  );
}
