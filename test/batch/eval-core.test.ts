/**
 * The evaluation core in-process, with the real executor on the committed world sample: grouping by image
 * and batching, the causes of unanswered questions, resuming (reused answers never reach the answerer and
 * the remaining batches are composed as before), two batches in flight, the limit; and the one-pass use
 * of the GQA scorer, which must give exactly the two-pass numbers.
 */
import { describe, expect, it } from 'vitest';
import { collect, readGqaQuestions, readSceneGraphs } from '../../graph/formats/gqa-files.ts';
import type { GqaQuestion } from '../../graph/formats/gqa-schema.ts';
import type { SceneGraph } from '../../graph/scene-graph.ts';
import { WORLD_EXECUTE_OPTIONS } from '../../graph/world/index.ts';
import {
  computeGqaMetrics,
  evaluateQuestions,
  GqaMetricsAccumulator,
  lookupGraphs,
  SymbolicAnswerer,
  type AnsweredBatch,
  type EvalAnswer,
  type GraphProvider,
  type QuestionAnswerer,
  type QuestionOnGraph,
} from '../../server/batch/index.ts';
import { sampleFiles } from './eval-fixtures.ts';
import { parityAttentions, parityChoices, parityPredictionsComplete, parityQuestions, parityScenes } from './fixtures/gqa-parity-fixture.ts';

const questions = await collect(readGqaQuestions(sampleFiles.questions));
const graphs = new Map<string, SceneGraph>();
for (const graph of await collect(readSceneGraphs(sampleFiles.sceneGraphs))) graphs.set(graph.getAttribute('imageId'), graph);

/** The sample's questions interleaved across images (the file groups them; GQA's files do not). */
const interleaved: [string, GqaQuestion][] = [...questions].sort(([a], [b]) => {
  const [ia, qa] = [a.slice(0, 13), Number(a.split('-q')[1])];
  const [ib, qb] = [b.slice(0, 13), Number(b.split('-q')[1])];
  return qa - qb || (ia < ib ? -1 : ia > ib ? 1 : 0);
});

/** A provider that records what it is asked for. */
function recording(): { provider: GraphProvider; asked: string[][] } {
  const asked: string[][] = [];
  const inner = lookupGraphs((imageId) => graphs.get(imageId));
  return {
    asked,
    provider: {
      graphs(imageIds) {
        asked.push([...imageIds]);
        return inner.graphs(imageIds);
      },
    },
  };
}

/** The executor, recording which questions it was given. */
function counting(): { answerer: QuestionAnswerer; seen: string[] } {
  const symbolic = new SymbolicAnswerer({ execute: WORLD_EXECUTE_OPTIONS });
  const seen: string[] = [];
  return {
    seen,
    answerer: {
      name: 'symbolic',
      answerBatch(items: readonly QuestionOnGraph[]): Promise<EvalAnswer[]> {
        for (const item of items) seen.push(item.question.questionId);
        return symbolic.answerBatch(items);
      },
    },
  };
}

async function run(source: [string, GqaQuestion][], options: Partial<Parameters<typeof evaluateQuestions>[3]> = {}) {
  const batches: AnsweredBatch[] = [];
  const { provider, asked } = recording();
  const { answerer, seen } = counting();
  const counts = await evaluateQuestions(source, provider, answerer, { batchSize: 16, window: 64, ...options, onBatch: (b) => void batches.push(b) });
  return { batches, asked, seen, counts };
}

describe('evaluateQuestions', () => {
  it('groups each window by image, fetches each image once per window and cuts batches in that order', async () => {
    const { batches, asked, counts } = await run(interleaved);
    expect(counts).toMatchObject({ questions: 320, answeredNow: 320, reused: 0, batches: 20 });
    expect(asked).toHaveLength(5); // 320 questions / window 64
    for (const images of asked) expect(new Set(images).size).toBe(images.length);
    const ordinals = batches.flatMap((b) => b.entries.map((e) => e.question.ordinal));
    expect(new Set(ordinals).size).toBe(320);
    for (let w = 0; w < 5; w++) {
      const windowEntries = batches.slice(4 * w, 4 * w + 4).flatMap((b) => b.entries);
      // Every ordinal of window w, in image-grouped order: each image's questions contiguous, images in first-appearance order.
      expect(windowEntries.map((e) => e.question.ordinal).sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => 64 * w + i));
      const imageRuns = windowEntries.map((e) => e.question.question.imageId).filter((id, i, all) => i === 0 || all[i - 1] !== id);
      expect(imageRuns).toEqual(asked[w]);
    }
    expect(batches.map((b) => b.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('answers as the executor does (100 % on annotated world graphs) and records why a question got no answer', async () => {
    const source = questions.slice(0, 40).map(([qid, q], k): [string, GqaQuestion] => {
      if (k === 3) return [qid, { ...q, semantic: undefined }];
      if (k === 5) return [qid, { ...q, imageId: 'no-such-image' }];
      return [qid, q];
    });
    const { batches } = await run(source);
    const entries = batches.flatMap((b) => b.entries).sort((a, b) => a.question.ordinal - b.question.ordinal);
    expect(entries[3]!.answer).toMatchObject({ prediction: '', confidence: 0, cause: 'no-program' });
    expect(entries[5]!.answer).toMatchObject({ prediction: '', cause: 'no-graph' });
    expect(entries[5]!.answer.detail).toContain('no-such-image');
    const others = entries.filter((_, k) => k !== 3 && k !== 5);
    expect(others.every((e) => e.answer.prediction === e.question.question.answer && e.answer.confidence === 1)).toBe(true);
  });

  it('resumes: reused answers never reach the answerer, and the other batches are composed as in one run', async () => {
    const whole = await run(interleaved);
    const done = new Map<number, EvalAnswer>();
    // An interrupted run had finished batches 0-6 (window 0 whole, window 1 in part).
    for (const batch of whole.batches.slice(0, 7)) for (const e of batch.entries) done.set(e.question.ordinal, e.answer);
    const resumed = await run(interleaved, { reuse: (q) => done.get(q.ordinal) });
    expect(resumed.counts).toMatchObject({ questions: 320, answeredNow: 320 - 7 * 16, reused: 7 * 16 });
    expect(resumed.seen).toHaveLength(320 - 7 * 16);
    expect(resumed.seen.some((qid) => [...done.keys()].some((o) => interleaved[o]![0] === qid))).toBe(false);
    expect(resumed.asked[0]).toEqual([]); // window 0 needs no graph at all
    const shape = (r: typeof whole) => r.batches.map((b) => b.entries.map((e) => [e.question.ordinal, e.answer.prediction]));
    expect(shape(resumed)).toEqual(shape(whole));
    expect(resumed.batches.slice(0, 7).every((b) => b.entries.every((e) => e.reused))).toBe(true);
    expect(resumed.batches.slice(7).every((b) => b.entries.every((e) => !e.reused))).toBe(true);
  });

  it('gives the same batches with two in flight, and stops at the limit', async () => {
    const one = await run(interleaved);
    const two = await run(interleaved, { inFlight: 2 });
    const shape = (r: typeof one) => r.batches.map((b) => [b.seq, b.entries.map((e) => [e.question.ordinal, e.answer.prediction])]);
    expect(shape(two)).toEqual(shape(one));
    const limited = await run(interleaved, { limit: 50 });
    expect(limited.counts.questions).toBe(50);
    expect(limited.batches.flatMap((b) => b.entries).map((e) => e.question.ordinal).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('propagates a failure of the answerer (nothing is silently dropped)', async () => {
    const failing: QuestionAnswerer = { name: 'broken', answerBatch: () => Promise.reject(new Error('model exploded')) };
    await expect(evaluateQuestions(questions.slice(0, 20), lookupGraphs((id) => graphs.get(id)), failing, { onBatch: () => undefined, inFlight: 2, batchSize: 4 }))
      .rejects.toThrow('model exploded');
  });
});

describe('one-pass GQA scoring (GqaMetricsAccumulator.addAnswered)', () => {
  it('gives bit-identical metrics to the two-pass scorer on the parity fixture', async () => {
    const predictions = parityPredictionsComplete.filter((p) => p.questionId !== 'qX');
    const twoPass = await computeGqaMetrics({ predictions, questions: parityQuestions, choices: parityChoices, scenes: parityScenes, attentions: parityAttentions });
    const byId = new Map(predictions.map((p) => [p.questionId, p.prediction]));
    const attention = new Map(parityAttentions.map((a) => [a.questionId, a.attention]));
    const onePass = new GqaMetricsAccumulator({ withChoices: true, withGrounding: true });
    for (const [imageId, scene] of parityScenes) onePass.addScene(imageId, scene);
    for (const [qid, q] of parityQuestions) onePass.addAnswered(qid, q, byId.get(qid)!, attention.get(qid));
    for (const [qid, choice] of parityChoices) onePass.addChoice(qid, choice);
    expect(onePass.finish()).toEqual(twoPass);
    expect(twoPass.grounding).not.toBeNull();
  });

  it('matches the two-pass scorer on the world sample, and can drop grounding', async () => {
    const { batches } = await run(questions);
    const answers = new Map(batches.flatMap((b) => b.entries).map((e) => [e.question.questionId, e.answer.prediction]));
    // Every third answer wrong, so consistency and the breakdowns have something to count.
    const predictions = questions.map(([qid], k) => ({ questionId: qid, prediction: k % 3 === 0 ? 'wrong' : answers.get(qid)! }));
    const twoPass = await computeGqaMetrics({ predictions, questions });
    const onePass = new GqaMetricsAccumulator({ withGrounding: true });
    onePass.dropGrounding();
    questions.forEach(([qid, q], k) => onePass.addAnswered(qid, q, predictions[k]!.prediction, []));
    const metrics = onePass.finish();
    expect(metrics).toEqual(twoPass);
    expect(metrics.grounding).toBeNull();
    expect(metrics.consistency).toBeGreaterThan(0);
    expect(metrics.consistency).toBeLessThan(100);
  });

  it('refuses to mix one-pass and two-pass input', () => {
    const accumulator = new GqaMetricsAccumulator();
    accumulator.addPrediction('a', 'yes');
    expect(() => accumulator.addAnswered('b', parityQuestions[0]![1], 'no')).toThrow(expect.objectContaining({ name: 'ScoreInputError' }));
  });
});
