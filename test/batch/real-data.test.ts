/**
 * The scorer on real GQA files from ../shared/data (skipped, with a note, where absent):
 * - the two official-format GraphVQA debug questions with their real train scene graphs, predictions
 *   and attentions made here, expected values worked out by hand below;
 * - 1358 real val_balanced questions (GQA-OOD tail), whose entailed ids mostly point outside the file.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect, readGqaQuestions } from '../../graph/formats/gqa-files.ts';
import { scoreGqaFiles } from '../../server/batch/index.ts';
import { sharedData } from '../helpers/shared-data.ts';

const debugQuestions = sharedData('gqa-graphvqa-debug', 'debug_questions_official.json');
const debugScenes = sharedData('gqa-graphvqa-debug', 'debug_sceneGraphs.json');
const oodQuestions = sharedData('gqa-ood-val-questions', 'val_bal_tail_-0.7.json');

async function tempJson(name: string, value: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'sgvqa-score-real-')), name);
  await writeFile(path, JSON.stringify(value));
  return path;
}

describe.skipIf(!debugQuestions.present || !debugScenes.present)('score: GraphVQA debug questions (real GQA train graphs)', () => {
  it('gives the hand-derived metrics', async () => {
    // 02930152 "Is the sky dark?" (verify/attr, gold yes, global null): predicted "yes" ✓
    // 07333408 "What is on the white wall?" (query/rel, gold pipe, global "thing"): predicted "wall" ✗
    const predictions = await tempJson('predictions.json', [
      { questionId: '02930152', prediction: 'yes' },
      { questionId: '07333408', prediction: 'wall' },
    ]);
    // Attention on the sky (weight .5) and on the pipe (weight 1), by object id.
    const attentions = await tempJson('attentions.json', [
      { questionId: '02930152', attention: [['2486325', 0.5]] },
      { questionId: '07333408', attention: [['722335', 1]] },
    ]);
    const metrics = await scoreGqaFiles({
      questions: debugQuestions.path, predictions, sceneGraphs: debugScenes.path, attentions,
    });
    // accuracy 1/2; binary = the verify question ✓; open = the query question ✗
    expect(metrics).toMatchObject({ accuracy: 50, binary: 100, open: 0 });
    // words: 4 and 6. steps: [select, verify color] = 2; [select, filter, relate, query: name] = 3
    expect(metrics.perLength).toEqual({ '4': { accuracy: 100, count: 1 }, '6': { accuracy: 0, count: 1 } });
    expect(metrics.perSteps).toEqual({ '2': { accuracy: 100, count: 1 }, '3': { accuracy: 0, count: 1 } });
    expect(metrics.perStructuralType).toEqual({ query: { accuracy: 0, count: 1 }, verify: { accuracy: 100, count: 1 } });
    expect(metrics.perSemanticType).toEqual({ attr: { accuracy: 100, count: 1 }, rel: { accuracy: 0, count: 1 } });
    // no entailed questions: consistency 0 over 0 questions (eval.py's avg of an empty list)
    expect(metrics.consistency).toBe(0);
    expect(metrics.counts.consistencyQuestions).toBe(0);
    // one group, "thing": gold {pipe: 1}, predicted {wall: 1}: χ² = (0-1)²/1 = 1, N = 1 -> 1/100
    expect(metrics.distribution).toBeCloseTo(0.01, 12);
    // Grounding. Image 2354786 is 500x270, sky (0,2,500,144); regions: question {2: sky} + fullAnswer
    // {2: sky} = two sky regions; the cell is the sky itself -> 2 · 0.5 · 1 = 1.
    // Image 2375429 is 500x333, wall 722332 (2,1,111,228), pipe 722335 (104,1,17,167); regions: question
    // {4:6: wall} + fullAnswer {1: pipe, 5: wall} = [wall, pipe, wall]; the cell is the pipe:
    // |pipe ∩ wall| / |pipe| = (113-104)/17 (the heights coincide) = 9/17 -> 9/17 + 1 + 9/17 = 35/17.
    // grounding = (1 + 35/17) / 2 · 100 = 2600/17 = 152.94 (above 100: the script sums over regions)
    expect(metrics.grounding).toBeCloseTo(2600 / 17, 9);
    expect(metrics.counts).toMatchObject({ questions: 2, balanced: 2, grounding: 2, groundingWithRegions: 2 });
  });
});

describe.skipIf(!oodQuestions.present)('score: 1358 real val_balanced questions', () => {
  it('scores every other question right and skips entailed ids absent from the file', async () => {
    const questions = await collect(readGqaQuestions(oodQuestions.path));
    const predictions = questions.map(([questionId, question], k) => ({
      questionId,
      prediction: k % 2 === 0 ? question.answer! : 'not-an-answer',
    }));
    const metrics = await scoreGqaFiles({ questions: oodQuestions.path, predictions: await tempJson('p.json', predictions) });

    const balanced = questions.filter(([, q]) => q.isBalanced === true).length;
    const correct = questions.filter(([, q], k) => q.isBalanced === true && k % 2 === 0).length;
    expect(metrics.counts).toMatchObject({ questions: 1358, predictions: 1358, balanced, missingPredictions: 0 });
    expect(metrics.accuracy).toBeCloseTo((correct / balanced) * 100, 9);
    const byType = Object.values(metrics.perStructuralType).reduce((sum, entry) => sum + entry.count, 0);
    expect(byType).toBe(balanced);
    expect(metrics.counts.binary + metrics.counts.open).toBe(balanced);

    // Consistency, counted directly: correct balanced questions with entailed ids (other than
    // themselves) present in the file; each scores the share of those answered right.
    const position = new Map(questions.map(([qid], k) => [qid, k]));
    const perAnchor: number[] = [];
    let skipped = 0;
    questions.forEach(([qid, q], k) => {
      if (q.isBalanced !== true || k % 2 !== 0) return;
      const others = (q.entailed ?? []).filter((id) => id !== qid);
      const present = others.filter((id) => position.has(id));
      skipped += others.length - present.length;
      if (present.length > 0) perAnchor.push(present.filter((id) => position.get(id)! % 2 === 0).length / present.length);
    });
    expect(metrics.counts.consistencyQuestions).toBe(perAnchor.length);
    expect(metrics.counts.skippedEntailedLinks).toBe(skipped);
    expect(skipped).toBeGreaterThan(0);
    const expected = perAnchor.length ? (perAnchor.reduce((a, b) => a + b, 0) / perAnchor.length) * 100 : 0;
    expect(metrics.consistency).toBeCloseTo(expected, 9);
    expect(metrics.distribution).toBeGreaterThan(0);
  });
});
