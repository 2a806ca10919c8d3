import { describe, expect, it } from 'vitest';
import { executeProgram, parseSemantic, parseSemanticStr } from '../../graph/program/index.ts';
import type { GqaQuestion } from '../../graph/formats/gqa-schema.ts';
import {
  blindBaseline,
  Rng,
  sampleWorldScene,
  WORLD_EXECUTE_OPTIONS,
  WorldQuestionGenerator,
  worldSceneGraph,
} from '../../graph/world/index.ts';
import type { SceneGraph } from '../../graph/scene-graph.ts';

function generate(split: string, scenes: number, perScene: number): { graphs: Map<string, SceneGraph>; questions: GqaQuestion[] } {
  const generator = new WorldQuestionGenerator({ questionsPerScene: perScene });
  const graphs = new Map<string, SceneGraph>();
  const questions: GqaQuestion[] = [];
  for (let i = 0; i < scenes; i++) {
    const graph = worldSceneGraph(sampleWorldScene(new Rng(21, split, i), `${split}-${i}`));
    graphs.set(graph.getAttribute('imageId'), graph);
    for (const q of generator.generate(graph, new Rng(21, split, i, 'q'))) questions.push(q.question);
  }
  return { graphs, questions };
}

const train = generate('train', 240, 10);
const test = generate('test', 120, 10);

describe('world question generator', () => {
  it('covers every GQA structural and semantic type, with several phrasings per template', () => {
    const structural = new Set(train.questions.map((q) => q.types?.structural));
    const semantic = new Set(train.questions.map((q) => q.types?.semantic));
    expect([...structural].sort()).toEqual(['choose', 'compare', 'logical', 'query', 'verify']);
    expect([...semantic].sort()).toEqual(['attr', 'cat', 'global', 'obj', 'rel']);
    // Phrasing frame = the question with its object words masked; most templates have 2+ frames.
    const frames = new Map<string, Set<string>>();
    for (const q of train.questions) {
      const frame = q.question.split(' ').slice(0, 2).join(' ');
      const set = frames.get(q.types!.detailed!) ?? new Set<string>();
      set.add(frame);
      frames.set(q.types!.detailed!, set);
    }
    const varied = [...frames.values()].filter((set) => set.size >= 2).length;
    expect(frames.size).toBeGreaterThanOrEqual(25);
    expect(varied / frames.size).toBeGreaterThan(0.8);
  });

  it('every answer is the executor\'s answer on the ground-truth graph, from both program forms', () => {
    for (const q of [...train.questions, ...test.questions]) {
      const graph = (train.graphs.get(q.imageId) ?? test.graphs.get(q.imageId))!;
      const fromList = executeProgram(graph, parseSemantic(q.semantic!, { strict: true }), WORLD_EXECUTE_OPTIONS);
      const fromStr = executeProgram(graph, parseSemanticStr(q.semanticStr!, { strict: true }), WORLD_EXECUTE_OPTIONS);
      expect(fromList.kind === 'answer' && fromList.answer).toBe(q.answer);
      expect(fromStr.kind === 'answer' && fromStr.answer).toBe(q.answer);
    }
  });

  it('grounds question and answer words to objects of the image, links only questions of the same image', () => {
    const byId = new Map<string, GqaQuestion>();
    let grounded = 0;
    for (const q of train.questions) byId.set(`${q.imageId}|${q.question}`, q);
    for (const q of train.questions) {
      const graph = train.graphs.get(q.imageId)!;
      for (const [field, text] of [['question', q.question], ['fullAnswer', q.fullAnswer!]] as const) {
        const tokens = text.split(' ');
        for (const [index, id] of Object.entries(q.annotations?.[field] ?? {})) {
          expect(Number(index)).toBeLessThan(tokens.length);
          expect(graph.hasNode(id)).toBe(true);
          grounded++;
        }
      }
      for (const qid of [...q.entailed!, ...q.equivalent!]) expect(qid.startsWith(`${q.imageId}-q`)).toBe(true);
    }
    expect(grounded).toBeGreaterThan(train.questions.length);
    expect(train.questions.filter((q) => q.entailed!.length > 0).length).toBeGreaterThan(train.questions.length * 0.05);
  });

  it('a blind model (most frequent answer per template) stays near chance', () => {
    const baseline = blindBaseline(train.questions, test.questions);
    expect(baseline.overall).toBeLessThanOrEqual(0.4);
    expect(baseline.binary).toBeLessThanOrEqual(0.55);
    expect(baseline.gqaBinary).toBeLessThanOrEqual(0.55);
    const yesShare = test.questions.filter((q) => q.answer === 'yes').length / test.questions.filter((q) => q.answer === 'yes' || q.answer === 'no').length;
    expect(Math.abs(yesShare - 0.5)).toBeLessThan(0.03);
  });

  it('is deterministic from its seeds', () => {
    const again = generate('test', 120, 10);
    expect(JSON.stringify(again.questions)).toBe(JSON.stringify(test.questions));
  });
});
