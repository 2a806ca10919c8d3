/** The building blocks of the GQA metrics, each against eval.py's definition, and the scorer's input checks. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GqaQuestion } from '../../graph/formats/gqa-schema.ts';
import {
  AnswerDistribution,
  belongsToChoices,
  computeGqaMetrics,
  countReasoningSteps,
  countWords,
  EntailmentLinks,
  GqaMetricsAccumulator,
  groundingScore,
  intersectionRate,
  isCommonQuestion,
  readAttentions,
  UNPREDICTED,
} from '../../server/batch/index.ts';

async function errorOf(run: () => unknown): Promise<Error> {
  const error = await Promise.resolve().then(run).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

const step = (operation: string, argument: string) => ({ operation, argument, dependencies: [] });

describe('question length in words (Python str.split())', () => {
  it.each([
    ['Is the sky dark?', 4],
    ['  Is the   sky\tdark?\n', 4],
    ['', 0],
    ['   ', 0],
    ['a\u00a0b\u3000c', 3], // no-break and ideographic spaces split in Python
    ['a\u001cb\u0085c', 3], // so do the information separators and NEL, which JavaScript's \s does not match
    ['a\ufeffb', 1], // ...while U+FEFF, which \s matches, does not split in Python
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});

describe('reasoning steps', () => {
  it('leaves out steps whose "operation: argument" contains exist, query: name or choose name', () => {
    expect(countReasoningSteps([step('select', 'wall (1)'), step('filter color', 'white'), step('relate', '_,on,s (2)'), step('query', 'name')])).toBe(3);
    expect(countReasoningSteps([step('select', 'cup'), step('exist', '?'), step('select', 'plate'), step('exist', '?'), step('and', '')])).toBe(3);
    expect(countReasoningSteps([step('select', 'cup'), step('choose name', 'cup|mug')])).toBe(1);
    // "query: color" and "choose color" are real reasoning steps
    expect(countReasoningSteps([step('select', 'cup'), step('query', 'color'), step('choose color', 'red|blue')])).toBe(3);
    // the test is on the joined text, so an argument mentioning "exist" also removes its step
    expect(countReasoningSteps([step('filter', 'existing')])).toBe(0);
    expect(countReasoningSteps(undefined)).toBe(0);
  });
});

describe('validity membership', () => {
  it('uses the choices list, except for "Common" questions which accept color, material or shape', () => {
    expect(belongsToChoices('red', ['red', 'blue'], false)).toBe(true);
    expect(belongsToChoices('Red', ['red', 'blue'], false)).toBe(false);
    expect(isCommonQuestion('twoCommon')).toBe(true);
    expect(isCommonQuestion('common')).toBe(false); // case-sensitive, as `"Common" in detailed`
    expect(isCommonQuestion(null)).toBe(false);
    expect(belongsToChoices('material', [], true)).toBe(true);
    expect(belongsToChoices('red', ['red'], true)).toBe(false);
  });
});

describe('distribution', () => {
  it('weights each group chi-square by its gold count and ignores answers that are never gold', () => {
    const distribution = new AnswerDistribution();
    // g1: gold {a: 2}, predicted {a: 1, z: 1}: χ² = (1-2)²/2 = 0.5, N = 2
    distribution.add('g1', 'a', 'a');
    distribution.add('g1', 'a', 'z');
    // g2: gold {b: 1, c: 1}, predicted {c: 2}: χ² = (0-1)²/1 + (2-1)²/1 = 2, N = 2
    distribution.add('g2', 'b', 'c');
    distribution.add('g2', 'c', 'c');
    // (0.5·2 + 2·2) / 4 = 1.25 -> score 0.0125
    expect(distribution.weightedChiSquare()).toBeCloseTo(1.25, 12);
    expect(distribution.score()).toBeCloseTo(0.0125, 12);
    expect(new AnswerDistribution().score()).toBeNull();
  });
});

describe('consistency links', () => {
  it('averages per anchor over scored entailed questions and drops anchors left empty', () => {
    const links = new EntailmentLinks();
    links.addAnchor([0, 1]); // 1/2
    links.addAnchor([2, UNPREDICTED]); // only 2 is scored: 1/1
    links.addAnchor([3]); // 3 is not a scored question: dropped
    const correct = new Set([0, 2]);
    const result = links.resolve((i) => i !== 3, (i) => correct.has(i));
    expect(result).toEqual({ consistency: 75, questions: 2, skippedLinks: 2 });
  });
});

describe('grounding geometry', () => {
  it('measures the share of the attention cell covered by the region (not IoU)', () => {
    // cell (0,0)-(0.5,0.5), region (0.25,0.25)-(1,1): overlap 0.25² = 0.0625 of the cell's 0.25 -> 0.25
    expect(intersectionRate(0, 0, 0.5, 0.5, 0.25, 0.25, 1, 1)).toBeCloseTo(0.25, 12);
    // touching edges do not overlap; a zero-area cell gives 0 instead of dividing by zero
    expect(intersectionRate(0, 0, 0.5, 0.5, 0.5, 0, 1, 1)).toBe(0);
    expect(intersectionRate(0.2, 0.2, 0.2, 0.4, 0, 0, 1, 1)).toBe(0);
    // two regions (a duplicate counts twice) x two cells: 2 · (0.4·1 + 0.6·0.25) = 1.1
    const region = [0.25, 0.25, 1, 1] as const;
    const cells = [{ box: [0.3, 0.3, 0.5, 0.5] as const, weight: 0.4 }, { box: [0, 0, 0.5, 0.5] as const, weight: 0.6 }];
    expect(groundingScore([region, region], cells)).toBeCloseTo(1.1, 12);
  });
});

const baseQuestion: GqaQuestion = {
  imageId: 'img', question: 'Is it red?', answer: 'yes', isBalanced: true,
  types: { structural: 'verify', semantic: 'attr', detailed: 'verifyAttr' },
  semantic: [step('select', 'it'), step('verify color', 'red')], entailed: [], groups: { global: null, local: null },
  annotations: { question: { '2': 'o9' }, answer: {}, fullAnswer: {} },
};

describe('scorer input checks', () => {
  it('refuses inputs out of order, duplicates, and questions without an answer', async () => {
    const accumulator = new GqaMetricsAccumulator();
    accumulator.addPrediction('q1', 'yes');
    expect(() => accumulator.addPrediction('q1', 'no')).toThrow(/duplicate prediction for question "q1"/);
    accumulator.addQuestion('q1', baseQuestion);
    const late = await errorOf(() => accumulator.addPrediction('q2', 'no'));
    expect(late.name).toBe('ScoreInputError');
    expect(late.message).toMatch(/^score: predictions must come before questions/);

    const noAnswer = await errorOf(() => computeGqaMetrics({
      predictions: [{ questionId: 'q1', prediction: 'yes' }],
      questions: [['q1', { ...baseQuestion, answer: undefined }]],
    }));
    expect(noAnswer.name).toBe('ScoreInputError');
    expect(noAnswer.message).toMatch(/question "q1" has no answer/);
  });

  it('names the annotated object missing from the scene graphs, and wants scenes with attentions', async () => {
    const missingObject = await errorOf(() => computeGqaMetrics({
      predictions: [{ questionId: 'q1', prediction: 'yes' }],
      questions: [['q1', baseQuestion]],
      scenes: [['img', { width: 10, height: 10, objects: { o1: { x: 0, y: 0, w: 1, h: 1 } } }]],
      attentions: [],
    }));
    expect(missingObject.name).toBe('ScoreInputError');
    expect(missingObject.message).toMatch(/question "q1" is annotated with object "o9" of image "img", which is not in the scene graphs/);

    const alone = await errorOf(() => computeGqaMetrics({ predictions: [], questions: [], attentions: [] }));
    expect(alone.message).toMatch(/grounding needs both scene graphs and attentions/);
  });

  it('reads attention files with the path of a bad entry and rejects repeated ids', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sgvqa-attention-'));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify([{ questionId: 'q1', attention: [[0, 0, 1, 1, 0.5]] }, { questionId: 'q2', attention: [[0.5, 0, 0.2, 1, 1]] }]));
    const read = async (path: string) => {
      for await (const _ of readAttentions(path)) void _;
    };
    const order = await errorOf(() => read(bad));
    expect(order.name).toBe('GraphFormatError');
    expect(order.message).toMatch(/\$\[1\]\.attention\[0\].*x0 <= x1/);

    const repeated = join(dir, 'repeated.json');
    await writeFile(repeated, JSON.stringify([{ questionId: 'q1', attention: [] }, { questionId: 'q1', attention: [['o1', 1]] }]));
    expect((await errorOf(() => read(repeated))).message).toMatch(/\$\[1\]\.questionId: duplicate questionId "q1"/);
  });
});
