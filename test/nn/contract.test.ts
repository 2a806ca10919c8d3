/** The graph contract: names, inputs and output order of the four graphs built from one definition. */
import { describe, expect, it } from 'vitest';
import { Parameter } from '../../models/nn/graph/index.ts';
import { accuracy, crossEntropy } from '../../models/nn/losses/index.ts';
import {
  buildEvalGraph, buildGradientGraph, buildInferenceGraph, buildTrainGraph, defineModel,
} from '../../models/nn/model/index.ts';
import { Linear, Mlp } from '../../models/nn/modules/index.ts';
import { add } from '../../models/nn/ops/index.ts';
import { adam } from '../../models/nn/optim/index.ts';
import { Trainer, initialValues } from '../../models/nn/runtime/index.ts';
import { openSession, runSession, spirals } from './helpers/index.ts';

function model(dropout: number) {
  const body = new Mlp('body', [2, 8, 8], { dropout });
  const head = new Linear('head', 8, 3);
  const frozen = new Parameter('offset', [3], { init: { kind: 'values', data: [0.5, -0.5, 0] }, trainable: false });
  return defineModel({
    name: 'contract',
    inputs: { x: { dtype: 'float32', shape: ['N', 2] } },
    targets: { y: { dtype: 'int64', shape: ['N'] } },
    forward: ({ x }, g) => ({ logits: add(head.forward(body.forward(x)), g.param(frozen)) }),
    loss: ({ logits }, { y }) => ({ loss: crossEntropy(logits, y), metrics: { accuracy: accuracy(logits, y) } }),
  });
}

const names = (built: { graph: { inputs: { tensor: { name: string } }[]; outputs: { name: string }[] } }) => ({
  inputs: built.graph.inputs.map((i) => i.tensor.name),
  outputs: built.graph.outputs.map((o) => o.name),
});

describe('graph contract', () => {
  const params = ['body.0.weight', 'body.0.bias', 'body.1.weight', 'body.1.bias', 'head.weight', 'head.bias'];

  it('names inputs and orders outputs as documented', () => {
    const def = model(0.1);
    expect(names(buildInferenceGraph(def))).toEqual({ inputs: ['x'], outputs: ['logits'] });
    expect(names(buildEvalGraph(def))).toEqual({ inputs: ['x', 'y'], outputs: ['loss', 'logits', 'metric.accuracy'] });
    const grad = buildGradientGraph(def);
    expect(names(grad).outputs).toEqual(['loss', 'logits', 'metric.accuracy', ...params.map((p) => `${p}_grad`)]);
    expect(names(grad).inputs).toEqual(['x', 'dropout_seed', 'y']);
    expect(grad.params.map((p) => p.name)).toEqual([...params, 'offset']);
    const train = buildTrainGraph(def, { optimizer: adam(), clipNorm: 1, accumulation: 2 });
    expect(names(train).outputs).toEqual([
      'loss', 'logits', 'metric.accuracy', 'grad_norm', ...params.map((p) => `${p}.next`),
      'optimizer.adam_m.next', 'optimizer.adam_v.next', 'optimizer.accum.next',
    ]);
    expect(names(train).inputs).toEqual(['x', 'dropout_seed', 'y', 'lr', 'step', 'optimizer.adam_m', 'optimizer.adam_v', 'optimizer.accum', 'accumulate.apply']);
    expect(train.frozen.map((p) => p.name)).toEqual(['offset']);
    expect(train.flatSize).toBe(2 * 8 + 8 + 8 * 8 + 8 + 8 * 3 + 3);
    expect(train.usesDropout).toBe(true);
  });

  it('builds the same graph twice (counter-based names)', () => {
    const a = buildTrainGraph(model(0.1), { optimizer: adam() });
    const b = buildTrainGraph(model(0.1), { optimizer: adam() });
    expect(a.graph.nodes.map((n) => `${n.name}:${n.outputs.map((o) => o.name)}`)).toEqual(b.graph.nodes.map((n) => `${n.name}:${n.outputs.map((o) => o.name)}`));
  });

  it('every graph opens in onnxruntime, and eval and gradient graphs agree on the loss without dropout', async () => {
    const def = model(0);
    const data = spirals(8, 3, 1);
    const feeds: Record<string, { data: Float32Array | BigInt64Array; dims: number[] }> = {
      x: { data: data.x, dims: [data.n, 2] },
      y: { data: data.y, dims: [data.n] },
    };
    const evalGraph = buildEvalGraph(def);
    for (const p of evalGraph.params) feeds[p.name] = { data: initialValues(p, 1) as Float32Array, dims: [...p.shape] };
    const losses: number[] = [];
    for (const built of [buildInferenceGraph(def), evalGraph, buildGradientGraph(def)]) {
      const session = await openSession(built.graph);
      const out = await runSession(session, feeds);
      if (out.loss) losses.push(Number(out.loss.data[0]));
      expect(out.logits!.dims).toEqual([data.n, 3]);
      await session.release();
    }
    expect(losses).toHaveLength(2);
    expect(losses[0]).toBe(losses[1]);
    const train = buildTrainGraph(def, { optimizer: adam() });
    const session = await openSession(train.graph);
    expect(session.outputNames).toContain('head.weight.next');
    await session.release();
  });

  it('leaves frozen parameters untouched while training', async () => {
    const data = spirals(8, 3, 1);
    const trainer = await Trainer.create(model(0), { optimizer: adam(), lr: 0.05, threads: 1 });
    for (let i = 0; i < 3; i++) await trainer.trainStep({ x: { data: data.x, dims: [data.n, 2] }, y: { data: data.y, dims: [data.n] } });
    expect([...trainer.parameterValues().get('offset')!]).toEqual([0.5, -0.5, 0]);
    await trainer.release();
  });
});
