/**
 * `node bin/run-ts.js bench/nn/profile.ts gnn|cnn [threads]`: runs the training step with
 * onnxruntime's profiler on and prints the time per op type and the slowest nodes.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';
import { toOnnx } from '../../models/nn/graph/to-onnx.ts';
import { buildTrainGraph } from '../../models/nn/model/index.ts';
import type { ModelDefinition } from '../../models/nn/model/index.ts';
import { adam } from '../../models/nn/optim/index.ts';
import { Trainer } from '../../models/nn/runtime/index.ts';
import { cnnBatch, cnnModel, gnnBatch, gnnModel } from './models.ts';

interface TraceEvent {
  cat: string;
  name: string;
  dur: number;
  args?: { op_name?: string };
}

const which = process.argv[2] ?? 'gnn';
const threads = Number(process.argv[3] ?? 2);
const def = (which === 'cnn' ? cnnModel() : gnnModel()) as unknown as ModelDefinition;
const batch = (which === 'cnn' ? cnnBatch() : gnnBatch()) as Record<string, { data: Float32Array | BigInt64Array; dims: number[] }>;

// Parameters and state from a real trainer, so the profiled session sees realistic values.
const trainer = await Trainer.create(def, { optimizer: adam(), lr: 1e-3, threads: 1 });
const train = buildTrainGraph(def, { optimizer: adam() });
const session = await InferenceSession.create(toOnnx(train.graph), {
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
  enableProfiling: true,
  profileFilePrefix: `/tmp/nn-profile-${which}`,
});
const feeds: Record<string, OrtTensor> = {};
const values = trainer.parameterValues();
for (const name of session.inputNames) {
  const b = batch[name];
  if (b) feeds[name] = new OrtTensor(b.data instanceof BigInt64Array ? 'int64' : 'float32', b.data, b.dims);
  else if (values.has(name)) {
    const p = train.params.find((q) => q.name === name)!;
    feeds[name] = new OrtTensor('float32', values.get(name) as Float32Array, [...p.shape]);
  } else if (name === 'lr' || name === 'step') feeds[name] = new OrtTensor('float32', Float32Array.of(name === 'lr' ? 1e-3 : 1), []);
  else feeds[name] = new OrtTensor('float32', new Float32Array(train.flatSize), [train.flatSize]);
}
const runs = which === 'cnn' ? 10 : 50;
for (let i = 0; i < runs; i++) await session.run(feeds);
session.endProfiling();
const file = (await readdir('/tmp')).filter((f) => f.startsWith(`nn-profile-${which}`)).map((f) => `/tmp/${f}`).sort().at(-1)!;
const events = JSON.parse(await readFile(file, 'utf8')) as TraceEvent[];
await rm(file, { force: true });
const nodes = events.filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time'));
const byType = new Map<string, number>();
const byNode = new Map<string, number>();
for (const e of nodes) {
  const type = e.args?.op_name ?? '?';
  byType.set(type, (byType.get(type) ?? 0) + e.dur);
  byNode.set(`${type} ${e.name.replace(/_kernel_time$/, '')}`, (byNode.get(`${type} ${e.name.replace(/_kernel_time$/, '')}`) ?? 0) + e.dur);
}
const total = [...byType.values()].reduce((a, b) => a + b, 0);
console.log(`${which}: ${(total / runs / 1000).toFixed(2)} ms of kernel time per step over ${nodes.length / runs} kernels`);
for (const [t, us] of [...byType].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${t.padEnd(24)} ${(us / runs / 1000).toFixed(3)} ms`);
console.log('slowest nodes:');
for (const [n, us] of [...byNode].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${n.padEnd(48)} ${(us / runs / 1000).toFixed(3)} ms`);
await session.release();
await trainer.release();
