/**
 * A tiny CNN trains: 16x16 images with a horizontal bar, a vertical bar, a cross or nothing at a
 * random place, in noise; strided convolutions, ReLU, global average pooling, a dense head.
 */
import { describe, expect, it } from 'vitest';
import { globalAvgPool } from '../../models/nn/functional/index.ts';
import { accuracy, crossEntropy } from '../../models/nn/losses/index.ts';
import { defineModel } from '../../models/nn/model/index.ts';
import { Conv2d, Linear } from '../../models/nn/modules/index.ts';
import { relu } from '../../models/nn/ops/index.ts';
import { adam } from '../../models/nn/optim/index.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceModel, Trainer } from '../../models/nn/runtime/index.ts';
import { seededRandom } from './helpers/index.ts';

const B = 64;
const S = 16;

function images(seed: number) {
  const rand = seededRandom(seed);
  const x = new Float32Array(B * S * S);
  const y = new BigInt64Array(B);
  for (let b = 0; b < B; b++) {
    const cls = b % 4;
    y[b] = BigInt(cls);
    const img = x.subarray(b * S * S, (b + 1) * S * S);
    for (let i = 0; i < img.length; i++) img[i] = (rand() - 0.5) * 0.4;
    const r = 3 + Math.floor(rand() * 10);
    const c = 3 + Math.floor(rand() * 10);
    for (let k = -3; k <= 3; k++) {
      if (cls === 0 || cls === 2) img[r * S + c + k] = 1;
      if (cls === 1 || cls === 2) img[(r + k) * S + c] = 1;
    }
  }
  return { x: { data: x, dims: [B, 1, S, S] }, y: { data: y, dims: [B] } };
}

function cnnModel() {
  const c1 = new Conv2d('c1', 1, 8, 3, { stride: 1, padding: 1, init: 'kaiming' });
  const c2 = new Conv2d('c2', 8, 16, 3, { stride: 2, padding: 1, init: 'kaiming' });
  const c3 = new Conv2d('c3', 16, 16, 3, { stride: 2, padding: 1, init: 'kaiming' });
  const head = new Linear('head', 16, 4);
  return defineModel({
    name: 'tiny-cnn',
    inputs: { x: { dtype: 'float32', shape: ['B', 1, S, S] } },
    targets: { y: { dtype: 'int64', shape: ['B'] } },
    forward: ({ x }) => ({ logits: head.forward(globalAvgPool(relu(c3.forward(relu(c2.forward(relu(c1.forward(x)))))))) }),
    loss: ({ logits }, { y }) => ({ loss: crossEntropy(logits, y), metrics: { accuracy: accuracy(logits, y) } }),
  });
}

describe('CNN training', () => {
  it('a tiny CNN learns bar orientation', async () => {
    const train = images(5);
    const trainer = await Trainer.create(cnnModel(), { optimizer: adam(), lr: 0.01, seed: 4, threads: 1 });
    const first = await trainer.evaluate(train);
    for (let i = 0; i < 80; i++) await trainer.trainStep(train);
    const last = await trainer.evaluate(train);
    expect(last.loss).toBeLessThan(0.5 * first.loss);
    expect(last.metrics.accuracy).toBeGreaterThan(0.85);
    const held = await trainer.evaluate(images(77));
    expect(held.metrics.accuracy).toBeGreaterThan(0.7);
    const dir = await mkdtemp(join(tmpdir(), 'nn-cnn-'));
    const path = join(dir, 'cnn.onnx');
    await trainer.exportInference(path);
    const model = await InferenceModel.load(path, { threads: 1 });
    const exported = (await model.run({ x: images(77).x })).logits!.data as Float32Array;
    const forward = (await trainer.evaluate(images(77), ['logits'])).outputs.logits!.data as Float32Array;
    const trained = (await trainer.trainStep(images(77), ['logits'])).outputs.logits!.data as Float32Array;
    exported.forEach((v, i) => {
      expect(v).toBeCloseTo(trained[i]!, 4);
      expect(v).toBeCloseTo(forward[i]!, 4);
    });
    await model.release();
    await rm(dir, { recursive: true, force: true });
    await trainer.release();
  });
});
