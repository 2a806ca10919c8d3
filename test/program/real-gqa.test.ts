import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sceneGraphFromGqa } from '../../graph/formats/gqa.ts';
import {
  executeProgram,
  formatSemanticStr,
  parseSemantic,
  parseSemanticStr,
  type ProgramStep,
} from '../../graph/program/index.ts';
import { sharedData } from '../helpers/shared-data.ts';

const debugGraphs = sharedData('gqa-graphvqa-debug', 'debug_sceneGraphs.json');
const debugQuestions = sharedData('gqa-graphvqa-debug', 'debug_questions_official.json');
const oodQuestions = sharedData('gqa-ood-val-questions', 'val_bal_tail_-0.7.json');

interface Question {
  imageId: string;
  question: string;
  answer: string;
  semantic: unknown;
  semanticStr: string;
}

// Read only when a test runs: describe.skipIf still runs its body to collect the (skipped) tests.
const readJson = (path: string, present: boolean): unknown => (present ? JSON.parse(readFileSync(path, 'utf8')) : {});

describe.skipIf(!debugGraphs.present || !debugQuestions.present)('real GQA questions on their scene graphs', () => {
  const graphs = readJson(debugGraphs.path, debugGraphs.present) as Record<string, unknown>;
  const questions = readJson(debugQuestions.path, debugQuestions.present) as Record<string, Question>;
  const answer = (qid: string) => {
    const question = questions[qid];
    if (!question) throw new Error(`question ${qid} missing from ${debugQuestions.path}`);
    const graph = sceneGraphFromGqa(question.imageId, graphs[question.imageId]);
    return executeProgram(graph, parseSemantic(question.semantic, { path: [qid, 'semantic'], strict: true }));
  };

  it('02930152 "Is the sky dark?" -> yes, grounded on the sky', () => {
    const result = answer('02930152');
    expect(result).toMatchObject({ kind: 'answer', answer: 'yes' });
    expect(result.trace[0]?.value).toEqual({ kind: 'objects', ids: ['2486325'] });
  });

  it('07333408 "What is on the white wall?" -> pipe, grounded on wall 722332 and pipe 722335', () => {
    const result = answer('07333408');
    expect(result).toMatchObject({ kind: 'answer', answer: 'pipe' });
    expect(result.trace.map((t) => t.value)).toEqual([
      { kind: 'objects', ids: ['722332', '722333'] },
      { kind: 'objects', ids: ['722332'] },
      { kind: 'objects', ids: ['722335'] },
      { kind: 'string', value: 'pipe' },
    ]);
  });
});

describe.skipIf(!oodQuestions.present)('the 1358 GQA-OOD val questions', () => {
  const questions = Object.entries(readJson(oodQuestions.path, oodQuestions.present) as Record<string, Question>);

  it('all parse strictly, and the list and string forms give the same program', () => {
    expect(questions).toHaveLength(1358);
    const kinds = new Map<ProgramStep['kind'], number>();
    for (const [qid, question] of questions) {
      const program = parseSemantic(question.semantic, { path: [qid, 'semantic'], strict: true });
      expect(parseSemanticStr(question.semanticStr, { path: [qid, 'semanticStr'], strict: true })).toEqual(program);
      for (const step of program.steps) kinds.set(step.kind, (kinds.get(step.kind) ?? 0) + 1);
    }
    // Operation counts of this file, tallied independently from the raw JSON (select: scene counted apart).
    expect(Object.fromEntries(kinds)).toEqual({
      select: 1201,
      scene: 171,
      relate: 770,
      query: 1170,
      filter: 276,
      chooseRel: 90,
      choose: 59,
      exist: 39,
      or: 12,
      and: 3,
      verifyRel: 8,
      verify: 7,
    });
  });

  it('formatting gives the GQA string back, up to blanks GQA leaves after some arguments', () => {
    // GQA writes `select: car (-) ->` and `verify size: small  [0]`: blanks inside arguments, dropped here.
    const canonical = (s: string): string => s.replace(/ +(?=->|$)/g, '').replace(/([^:\s]) {2,}\[/g, '$1 [');
    let identical = 0;
    for (const [, question] of questions) {
      const formatted = formatSemanticStr(parseSemanticStr(question.semanticStr));
      if (formatted === question.semanticStr) identical++;
      else expect(formatted).toBe(canonical(question.semanticStr));
    }
    expect(identical).toBeGreaterThan(1300);
  });
});
