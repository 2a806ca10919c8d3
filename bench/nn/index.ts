/**
 * `npm run bench:nn`: MatMul 512^3 throughput, and the GNN and CNN training steps of issue 4 (each a
 * single onnxruntime run: forward, backward and Adam). Prints medians of several timed batches, the
 * best batch, and process CPU time per step; the machine's load average is printed too, because other
 * processes on a shared machine slow every figure down. `NN_THREADS` overrides the thread count.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { adam } from '../../models/nn/optim/index.ts';
import { Trainer } from '../../models/nn/runtime/index.ts';
import { benchMatmul } from './matmul.ts';
import { CNN, GNN, cnnBatch, cnnModel, cnnStepFlops, gnnBatch, gnnModel } from './models.ts';
import { timeIt } from './timing.ts';

const threads = Number(process.env.NN_THREADS ?? availableParallelism());
const load = () => loadavg()[0]!.toFixed(1);

async function main(): Promise<void> {
  console.log(`nn bench: ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, ${threads} threads, node ${process.version}, load average ${load()}`);

  const mm1 = await benchMatmul(512, 1);
  const mm = await benchMatmul(512, threads);
  console.log(`MatMul 512^3   ${mm.gflops.toFixed(1)} GFLOP/s median, ${mm.bestGflops.toFixed(1)} best (1 thread: ${mm1.gflops.toFixed(1)} median, ${mm1.bestGflops.toFixed(1)} best)`);

  const gnn = await Trainer.create(gnnModel(), { optimizer: adam(), lr: 1e-3, threads });
  const gBatch = gnnBatch();
  const g = await timeIt(() => gnn.trainStep(gBatch), { warmup: 10, runs: 11, iterations: 20 });
  console.log(
    `GNN step       ${g.ms.toFixed(2)} ms median, ${g.best.toFixed(2)} ms best, ${g.cpuMs.toFixed(2)} ms CPU  ` +
      `(${GNN.graphs} graphs x ${GNN.nodes} nodes, E = ${GNN.edges}, ${GNN.inFeatures} -> ${GNN.hidden} -> ${GNN.hidden}, sum readout, ${GNN.classes} classes, Adam; target <= 6 ms)`,
  );
  await gnn.release();

  const cnn = await Trainer.create(cnnModel(), { optimizer: adam(), lr: 1e-3, threads });
  const cBatch = cnnBatch();
  const c = await timeIt(() => cnn.trainStep(cBatch), { warmup: 3, runs: 9, iterations: 4 });
  const flops = cnnStepFlops();
  const total = flops.forward + flops.backward;
  const rate = (ms: number) => (total / (ms * 1e6)).toFixed(1);
  console.log(
    `CNN step       ${c.ms.toFixed(1)} ms median (${rate(c.ms)} GFLOP/s), ${c.best.toFixed(1)} ms best (${rate(c.best)} GFLOP/s), ${c.cpuMs.toFixed(1)} ms CPU  ` +
      `(fwd+bwd ${(total / 1e9).toFixed(2)} GFLOP; batch ${CNN.batch} x 3 x ${CNN.size}^2, convs ${CNN.channels.slice(1).join('-')}, Adam; target <= 60 ms)`,
  );
  await cnn.release();
  console.log(`load average at the end: ${load()}`);
}

await main();
