/**
 * The VQA network on a tiny synthetic task: the answer to "is there a <class>?" needs the question and
 * the graph together. Training lowers the loss and fits the task; the inference graph (the shipped path)
 * gives the same answers; grounding columns sum to 1 over each graph's nodes; graphs without objects and
 * unknown words run.
 */
import { describe, expect, it } from 'vitest';
import { Trainer, optim } from '../../models/nn/index.ts';
import { BatchBuilder } from '../../models/vqa/data/batch-builder.ts';
import { encodeExamples } from '../../models/vqa/data/examples.ts';
import { annotatedSource } from '../../models/vqa/data/graph-source.ts';
import { graphWidths } from '../../models/vqa/features/graph-vocabularies.ts';
import { VqaSession } from '../../models/vqa/infer/vqa-session.ts';
import { VqaNetwork, vqaTrainingDefinition } from '../../models/vqa/network/index.ts';
import { AnswerVocabulary, QuestionVocabulary } from '../../models/vqa/question/index.ts';
import { DEFAULT_SSL } from '../../models/vqa/ssl/index.ts';
import { createSceneGraph, type SceneGraph } from '../../graph/scene-graph.ts';
import type { GqaQuestion } from '../../graph/formats/gqa-schema.ts';
import { seededRandom } from '../nn/helpers/index.ts';
import { emptyScene, vocabularies } from './fixtures.ts';

const CLASSES = ['circle', 'square', 'triangle'];

function scenes(count: number, seed: number): { graphs: Map<string, SceneGraph>; questions: [string, GqaQuestion][] } {
  const rand = seededRandom(seed);
  const graphs = new Map<string, SceneGraph>();
  const questions: [string, GqaQuestion][] = [];
  for (let i = 0; i < count; i++) {
    const imageId = `s${seed}-${i}`;
    const g = createSceneGraph({ imageId, width: 100, height: 100, location: 'light' });
    const n = 1 + Math.floor(rand() * 3);
    const present = new Set<string>();
    for (let k = 0; k < n; k++) {
      const name = CLASSES[Math.floor(rand() * 2)]!; // triangles never appear
      present.add(name);
      g.addNode(`${imageId}-${k}`, { id: `${imageId}-${k}`, name, box: { x: 10 * k, y: 10, w: 8, h: 8 }, attributes: ['red'] });
      if (k > 0) g.addEdge(`${imageId}-${k - 1}`, `${imageId}-${k}`, { predicate: 'to the left of' });
    }
    graphs.set(imageId, g);
    for (const name of CLASSES) {
      questions.push([`${imageId}-${name}`, { imageId, question: `Is there a ${name}?`, answer: present.has(name) ? 'yes' : 'no' }]);
    }
  }
  return { graphs, questions };
}

describe('VqaNetwork', () => {
  const vocab = vocabularies();
  const train = scenes(48, 1);
  const words = QuestionVocabulary.build(train.questions.map(([, q]) => q.question));
  const answers = AnswerVocabulary.build(['yes', 'no']);
  const examples = encodeExamples(train.questions, words, answers);
  const network = new VqaNetwork({ hidden: 16, heads: 2, rounds: 2, questionLayers: 1, dropout: 0, words: words.size, maxTokens: words.maxTokens, answers: answers.size, widths: graphWidths(vocab) });

  it('learns a question-and-graph task, and the exported inference graph answers the same', async () => {
    const trainer = await Trainer.create(vqaTrainingDefinition(network, { ssl: DEFAULT_SSL, groundingWeight: 0 }), { optimizer: optim.adam(), lr: 0.01, seed: 3, threads: 1 });
    const builder = new BatchBuilder(vocab, 1);
    const source = annotatedSource(train.graphs);
    const all = examples.qids.map((_, i) => i);
    const batch = builder.train(examples, all, source, { levels: [] });
    const first = await trainer.trainStep(batch.feeds as never);
    let last = first;
    for (let i = 0; i < 80; i++) last = await trainer.trainStep(batch.feeds as never);
    expect(last.loss).toBeLessThan(0.5 * first.loss);
    expect(last.metrics.accuracy).toBeGreaterThan(0.9);

    const session = await VqaSession.fromParameters(network, trainer.parameterValues(), 1);
    const { feeds } = builder.evaluation(examples, all, source);
    const out = await session.run(feeds);
    let hits = 0;
    all.forEach((k, row) => {
      const best = out.probs[row * 2]! > out.probs[row * 2 + 1]! ? 0 : 1;
      if (best === examples.answers[k]) hits++;
      expect(out.probs[row * 2]! + out.probs[row * 2 + 1]!).toBeCloseTo(1, 5);
    });
    expect(hits / all.length).toBeGreaterThan(0.9);
    await session.release();
    await trainer.release();
  });

  it('returns grounding for every round and the readout, each summing to 1 over a graph\'s nodes; empty graphs and unknown words run', async () => {
    const trainer = await Trainer.create(vqaTrainingDefinition(network, { ssl: DEFAULT_SSL }), { optimizer: optim.adam(), lr: 0.01, seed: 3, threads: 1 });
    const session = await VqaSession.fromParameters(network, trainer.parameterValues(), 1);
    const graphs = new Map(train.graphs);
    graphs.set('img-empty', emptyScene());
    const qs = encodeExamples([
      ['a', { imageId: 's1-0', question: 'Is there a circle?', answer: 'yes' }],
      ['b', { imageId: 'img-empty', question: 'Is there a circle?', answer: 'no' }],
      ['c', { imageId: 's1-1', question: 'Is there a gigantic zebra?', answer: 'no' }],
    ], words, answers);
    expect(qs.withUnknownWords).toBe(1);
    const builder = new BatchBuilder(vocab, 0);
    const { feeds, graphs: used } = builder.evaluation(qs, [0, 1, 2], annotatedSource(graphs));
    const out = await session.run(feeds);
    expect(out.groundingColumns).toBe(3);
    const objects = used.map((g) => g.order);
    const N = objects.reduce((a, b) => a + b, 0);
    const rowsOf = (b: number) => [...Array.from({ length: objects[b]! }, (_, k) => objects.slice(0, b).reduce((a, c) => a + c, 0) + k), N + b];
    for (let b = 0; b < 3; b++) {
      for (let c = 0; c < 3; c++) {
        const mass = rowsOf(b).reduce((s, r) => s + out.grounding[r * 3 + c]!, 0);
        expect(mass).toBeCloseTo(1, 5);
      }
    }
    // the empty graph's only node, its scene node, takes all the attention
    expect(out.grounding[(N + 1) * 3]).toBeCloseTo(1, 5);
    expect(Array.from(out.probs).every(Number.isFinite)).toBe(true);
    await session.release();
    await trainer.release();
  });
});
