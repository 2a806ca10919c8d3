/**
 * `npm run bench:nn`: MatMul 512^3 throughput, and the GNN and CNN training steps of issue 4 (each a
 * single onnxruntime run: forward, backward and Adam). Prints medians of several timed runs.
 */
import { availableParallelism, cpus } from 'node:os';
import { adam } from '../../models/nn/optim/index.ts';
import { Trainer } from '../../models/nn/runtime/index.ts';
import { benchMatmul } from './matmul.ts';
import { CNN, GNN, cnnBatch, cnnModel, cnnStepFlops, gnnBatch, gnnModel } from './models.ts';
import { timeIt } from './timing.ts';

const threads = Number(process.env.NN_THREADS ?? availableParallelism());

async function main(): Promise<void> {
  console.log(`nn bench: ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, ${threads} threads, node ${process.version}`);

  const mm1 = await benchMatmul(512, 1);
  const mm = await benchMatmul(512, threads);
  console.log(`MatMul 512^3          ${mm.gflops.toFixed(1)} GFLOP/s (${mm.ms.toFixed(2)} ms; 1 thread: ${mm1.gflops.toFixed(1)} GFLOP/s)`);

  const gnn = await Trainer.create(gnnModel(), { optimizer: adam(), lr: 1e-3, threads });
  const gBatch = gnnBatch();
  const g = await timeIt(() => gnn.trainStep(gBatch), { warmup: 10, runs: 9, iterations: 20 });
  console.log(
    `GNN step              ${g.ms.toFixed(2)} ms  (${GNN.graphs} graphs x ${GNN.nodes} nodes, E = ${GNN.edges}, ${GNN.inFeatures} -> ${GNN.hidden} -> ${GNN.hidden}, Adam; target <= 6 ms)`,
  );
  await gnn.release();

  const cnn = await Trainer.create(cnnModel(), { optimizer: adam(), lr: 1e-3, threads });
  const cBatch = cnnBatch();
  const c = await timeIt(() => cnn.trainStep(cBatch), { warmup: 3, runs: 7, iterations: 5 });
  const flops = cnnStepFlops();
  const total = flops.forward + flops.backward;
  console.log(
    `CNN step              ${c.ms.toFixed(1)} ms, ${(total / (c.ms * 1e6)).toFixed(1)} GFLOP/s fwd+bwd (${(total / 1e9).toFixed(2)} GFLOP; batch ${CNN.batch} x 3 x ${CNN.size}^2; target <= 60 ms)`,
  );
  await cnn.release();
}

await main();
