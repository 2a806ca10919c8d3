/** A tiny MLP trains end to end in the runtime; export and checkpoints behave as the contract says. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineModel } from '../../models/nn/model/index.ts';
import { Mlp } from '../../models/nn/modules/index.ts';
import { accuracy, crossEntropy } from '../../models/nn/losses/index.ts';
import { adam, adamw, sgd, warmupCosine } from '../../models/nn/optim/index.ts';
import type { Optimizer } from '../../models/nn/optim/index.ts';
import { InferenceModel, Trainer } from '../../models/nn/runtime/index.ts';
import { spirals } from './helpers/index.ts';

function mlpModel(hidden: number, dropoutRate = 0) {
  const mlp = new Mlp('mlp', [2, hidden, hidden, 3], { dropout: dropoutRate });
  return defineModel({
    name: 'spiral-mlp',
    inputs: { x: { dtype: 'float32', shape: ['N', 2] } },
    targets: { y: { dtype: 'int64', shape: ['N'] } },
    forward: ({ x }) => ({ logits: mlp.forward(x) }),
    loss: ({ logits }, { y }) => ({ loss: crossEntropy(logits, y), metrics: { accuracy: accuracy(logits, y) } }),
    config: { hidden, dropout: dropoutRate },
  });
}

const data = spirals(64, 3, 7);
const feeds = { x: { data: data.x, dims: [data.n, 2] }, y: { data: data.y, dims: [data.n] } };

function bytesOf(values: Map<string, Float32Array | Float64Array>): Map<string, string> {
  return new Map([...values].map(([k, v]) => [k, Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')]));
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nn-mlp-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('MLP training', () => {
  it.each<[string, Optimizer, number]>([
    ['adam', adam(), 0.02],
    ['adamw', adamw({ weightDecay: 0.01 }), 0.02],
    ['sgd momentum', sgd({ momentum: 0.9 }), 0.1],
  ])('loss falls with %s', async (_name, optimizer, lr) => {
    const trainer = await Trainer.create(mlpModel(32), { optimizer, lr, seed: 1, threads: 1 });
    const losses: number[] = [];
    let acc = 0;
    for (let i = 0; i < 150; i++) {
      const r = await trainer.trainStep(feeds);
      losses.push(r.loss);
      acc = r.metrics.accuracy!;
    }
    expect(trainer.step).toBe(150);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(0.5 * losses[0]!);
    expect(acc).toBeGreaterThan(0.8);
    await trainer.release();
  });

  it('exports an inference graph that gives the training forward pass outputs', async () => {
    const trainer = await Trainer.create(mlpModel(16), { optimizer: adam(), lr: 0.01, seed: 3, threads: 1 });
    for (let i = 0; i < 5; i++) await trainer.trainStep(feeds);
    const path = join(dir, 'mlp.onnx');
    const { manifest } = await trainer.exportInference(path, { labels: ['a', 'b', 'c'] });
    expect(manifest.inputs).toEqual([{ name: 'x', dtype: 'float32', shape: ['N', 2] }]);
    expect(manifest.outputs.map((o) => o.name)).toEqual(['logits']);
    expect(manifest.step).toBe(5);
    expect(manifest.parameters.count).toBe(2 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3);
    const model = await InferenceModel.load(path, { threads: 1 });
    const exported = (await model.run({ x: feeds.x })).logits!.data as Float32Array;
    // The next training step's forward pass runs on the same parameters.
    const trained = (await trainer.trainStep(feeds, ['logits'])).outputs.logits!.data as Float32Array;
    expect(exported.length).toBe(data.n * 3);
    for (let i = 0; i < exported.length; i++) expect(exported[i]).toBeCloseTo(trained[i]!, 5);
    await model.release();
    await trainer.release();
  });

  it('refuses an exported model whose file does not match its manifest', async () => {
    const trainer = await Trainer.create(mlpModel(4), { optimizer: adam(), lr: 0.01, threads: 1 });
    const path = join(dir, 'tampered.onnx');
    await trainer.exportInference(path);
    const bytes = await readFile(path);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    await writeFile(path, bytes);
    await expect(InferenceModel.load(path)).rejects.toMatchObject({ name: 'TrainerError' });
    await trainer.release();
  });
});

describe('checkpoints', () => {
  const options = (seed: number) => ({
    optimizer: adamw({ weightDecay: 0.05 }),
    lr: warmupCosine({ peak: 0.02, warmupSteps: 3, totalSteps: 20 }),
    seed,
    threads: 2,
    clipNorm: 1,
    accumulation: 2,
  });

  it('resume bit-identically (dropout, accumulation, clipping, schedule)', async () => {
    const a = await Trainer.create(mlpModel(16, 0.2), options(5));
    expect(a.train.usesDropout).toBe(true);
    for (let i = 0; i < 7; i++) await a.trainStep(feeds);
    const path = join(dir, 'ckpt.bin');
    await a.save(path);
    const lossesA: number[] = [];
    for (let i = 0; i < 6; i++) lossesA.push((await a.trainStep(feeds)).loss);

    const b = await Trainer.create(mlpModel(16, 0.2), options(5));
    await b.load(path);
    expect([b.step, b.microStep]).toEqual([3, 7]);
    const lossesB: number[] = [];
    for (let i = 0; i < 6; i++) lossesB.push((await b.trainStep(feeds)).loss);
    expect(new Set(lossesA).size).toBe(lossesA.length);
    expect(lossesB).toEqual(lossesA);
    expect(bytesOf(b.parameterValues())).toEqual(bytesOf(a.parameterValues()));
    expect([b.step, b.microStep]).toEqual([a.step, a.microStep]);
    await Promise.all([a.release(), b.release()]);
  });

  it('refuses damaged checkpoints and ones for another config', async () => {
    const a = await Trainer.create(mlpModel(8), { optimizer: adam(), lr: 0.01, threads: 1 });
    const path = join(dir, 'c2.bin');
    await a.save(path);
    const other = await Trainer.create(mlpModel(12), { optimizer: adam(), lr: 0.01, threads: 1 });
    await expect(other.load(path)).rejects.toMatchObject({ name: 'CheckpointError' });
    const bytes = await readFile(path);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    await writeFile(path, bytes);
    await expect(a.load(path)).rejects.toMatchObject({ name: 'CheckpointError', message: expect.stringContaining('damaged') });
    await writeFile(path, bytes.subarray(0, 40));
    await expect(a.load(path)).rejects.toMatchObject({ name: 'CheckpointError' });
    await Promise.all([a.release(), other.release()]);
  });
});
