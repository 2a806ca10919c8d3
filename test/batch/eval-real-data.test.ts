/**
 * `sgvqa eval --model symbolic` on real files from ../shared/data (skipped, with a note, where absent):
 * - the GraphVQA debug questions on their real GQA train scene graphs (answers and grounding worked out
 *   by hand below);
 * - CLEVR scenes imported with `sgvqa graph import clevr` and the CLEVR questions whose programs map onto
 *   GQA's (clevr-questions.ts): the generator-made one-object scenes with their 42 questions, and the
 *   official val scenes with the official questions about CLEVR_val_000000.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GqaMetrics } from '../../server/batch/index.ts';
import { sharedData } from '../helpers/shared-data.ts';
import { CLEVR_EXECUTOR, gqaQuestionsOf, type ClevrQuestion } from './clevr-questions.ts';
import { readJson, sgvqa } from './eval-fixtures.ts';

const debugQuestions = sharedData('gqa-graphvqa-debug', 'debug_questions_official.json');
const debugScenes = sharedData('gqa-graphvqa-debug', 'debug_sceneGraphs.json');
const oneObject = {
  scenes: sharedData('clevr-parser-generated', '1obj', 'scenes', 'CLEVR_val_scenes.json'),
  questions: sharedData('clevr-parser-generated', '1obj', 'questions', 'CLEVR_val_questions.json'),
};
const official = { scenes: sharedData('clevr-nsvqa-pr18', 'val-scenes.json'), questions: sharedData('clevr-nsvqa-pr18', 'orig-val.json') };

const dir = mkdtempSync(join(tmpdir(), 'sgvqa-eval-real-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface RunJson {
  metrics: GqaMetrics;
  summary: { questions: number; answered: number; unanswered: Record<string, number>; grounding: string };
}

function evalJson(args: readonly string[]): RunJson {
  const result = sgvqa(['eval', ...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as RunJson;
}

describe.skipIf(!debugQuestions.present || !debugScenes.present)('GQA debug questions on real GQA scene graphs', () => {
  it('answers both with the executor, and scores its grounding', () => {
    const out = join(dir, 'gqa');
    const run = evalJson(['--questions', debugQuestions.path, '--scene-graphs', debugScenes.path, '--model', 'symbolic', '--out', out]);
    // "Is the sky dark?" -> yes (sky 2486325 has attribute dark); "What is on the white wall?" -> pipe.
    expect(readJson<unknown[]>(join(out, 'predictions.json'))).toEqual([
      { questionId: '02930152', prediction: 'yes' },
      { questionId: '07333408', prediction: 'pipe' },
    ]);
    expect(run.metrics).toMatchObject({ accuracy: 100, binary: 100, open: 100 });
    // The executor attends to the objects of its last object step: the sky (weight 1), the pipe (weight 1).
    // Regions (test/batch/real-data.test.ts): [sky, sky] -> 2; [wall, pipe, wall] -> 9/17 + 1 + 9/17 = 35/17.
    expect(run.metrics.grounding).toBeCloseTo(((2 + 35 / 17) / 2) * 100, 9);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('Every question got an answer.');
  });
});

/** Imports CLEVR scenes with the CLI and converts their questions; returns the files. */
function clevrFiles(name: string, scenes: string, questionsFile: string, size: string[], imageIdOf: (q: ClevrQuestion) => string) {
  const sceneGraphs = join(dir, `${name}-scenes.json`);
  const imported = sgvqa(['graph', 'import', 'clevr', scenes, '--out', sceneGraphs, ...size]);
  expect(imported.status).toBe(0);
  const clevr = readJson<{ questions: ClevrQuestion[] }>(questionsFile).questions;
  const converted = gqaQuestionsOf(clevr, imageIdOf, `${name}-`);
  const questions = join(dir, `${name}-questions.json`);
  writeFileSync(questions, JSON.stringify(converted.questions));
  const executor = join(dir, 'clevr-executor.json');
  writeFileSync(executor, JSON.stringify({ executor: CLEVR_EXECUTOR }));
  return { sceneGraphs, questions, executor, total: clevr.length, skipped: converted.skipped };
}

describe.skipIf(!oneObject.scenes.present || !oneObject.questions.present)('CLEVR one-object scenes with their questions', () => {
  it('answers every question (all map onto GQA programs) from the imported graphs', () => {
    const files = clevrFiles('one', oneObject.scenes.path, oneObject.questions.path, ['--width', '320', '--height', '240'], (q) => q.image ?? q.image_filename!.replace(/\.png$/, ''));
    expect(files).toMatchObject({ total: 42, skipped: 0 });
    const run = evalJson(['--questions', files.questions, '--scene-graphs', files.sceneGraphs, '--model', 'symbolic', '--ontology', files.executor, '--out', join(dir, 'one')]);
    expect(run.summary).toMatchObject({ questions: 42, answered: 42, unanswered: {} });
    expect(run.metrics.accuracy).toBe(100);
    expect(Object.keys(run.metrics.perStructuralType)).toEqual(['query']);
  });
});

describe.skipIf(!official.scenes.present || !official.questions.present)('official CLEVR val scenes and questions', () => {
  it('answers the questions that map onto GQA programs, relations included', () => {
    const files = clevrFiles('official', official.scenes.path, official.questions.path, [], (q) => q.image_filename!.replace(/\.png$/, ''));
    // Of the 9 questions, 4 are chains of filters, relate and query/exist; count, union, same_* and equal_* are not.
    expect(files).toMatchObject({ total: 9, skipped: 5 });
    const run = evalJson(['--questions', files.questions, '--scene-graphs', files.sceneGraphs, '--model', 'symbolic', '--ontology', files.executor, '--out', join(dir, 'official')]);
    const predictions = readJson<{ questionId: string; prediction: string }[]>(join(dir, 'official', 'predictions.json'));
    // Q2 the large purple object is metal; Q3 a sphere left of the small gray cube: yes; Q7 the large metal sphere is purple; Q8 in front of the small metal object: rubber.
    expect(predictions).toEqual([
      { questionId: 'official-2', prediction: 'metal' },
      { questionId: 'official-3', prediction: 'yes' },
      { questionId: 'official-7', prediction: 'purple' },
      { questionId: 'official-8', prediction: 'rubber' },
    ]);
    expect(run.metrics.accuracy).toBe(100);
    expect(run.metrics.perSemanticType).toMatchObject({ attr: { count: 2 }, rel: { count: 2 } });
  });
});
