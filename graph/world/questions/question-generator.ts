/**
 * Generates GQA-format questions for world scenes, balanced and checked:
 * - per question slot, the template furthest below its target share is chosen (among those with a
 *   candidate in this scene, at most `maxPerTemplate` per scene), then the candidate whose answer is
 *   rarest so far for that template and its local group — so answers come out flat per template and a
 *   blind model stays near chance;
 * - every program is parsed and run by the project's executor (graph/program) on the ground-truth graph;
 *   the executor's answer is the answer written. A draft whose expected answer the executor does not
 *   reproduce is dropped and counted (`rejected`): the program cannot express that question faithfully
 *   (e.g. `verify rel` names its subject by shape only), never a guess;
 * - `entailed` / `equivalent` links come from the facts each question needs and reveals.
 * State (the balancing counts) carries across scenes, so generate scenes in a fixed order for
 * reproducible files.
 */
import type { GqaChoice, GqaQuestion } from '../../formats/gqa-schema.ts';
import { executeProgram, formatSemanticStr, parseSemantic } from '../../program/index.ts';
import type { SceneGraph } from '../../scene-graph.ts';
import type { Rng } from '../prng.ts';
import { WORLD_HYPERNYMS, WORLD_ONTOLOGY } from '../vocabulary.ts';
import { WorldError } from '../world-error.ts';
import { sceneFacts } from './scene-facts.ts';
import type { Candidate, QuestionDraft, QuestionTemplate } from './template.ts';
import { worldTemplates } from './templates.ts';

export const WORLD_EXECUTE_OPTIONS = { ontology: WORLD_ONTOLOGY, hypernyms: WORLD_HYPERNYMS } as const;

export interface GeneratedQuestion {
  qid: string;
  question: GqaQuestion;
  choice: GqaChoice;
}

export interface QuestionGeneratorOptions {
  questionsPerScene: number;
  /** Most questions of one template in one scene (default 2). */
  maxPerTemplate?: number;
  templates?: QuestionTemplate[];
}

/** Candidates of one template with the same answer and local group: balancing scores them alike. */
interface CandidateGroup {
  key: string;
  answer: string;
  local: string;
  candidates: Candidate[];
}

/** A scene's candidates of one template, by (answer, local group), in first-seen order. */
type Pool = Map<string, CandidateGroup>;

function groupCandidates(candidates: readonly Candidate[]): Pool {
  const pool: Pool = new Map();
  for (const candidate of candidates) {
    const key = `${candidate.answer}\u0000${candidate.local}`;
    let group = pool.get(key);
    if (!group) pool.set(key, (group = { key, answer: candidate.answer, local: candidate.local, candidates: [] }));
    group.candidates.push(candidate);
  }
  return pool;
}

interface Emitted {
  qid: string;
  question: GqaQuestion;
  choice: GqaChoice;
  draft: QuestionDraft;
  structural: string;
}

export class WorldQuestionGenerator {
  readonly templates: readonly QuestionTemplate[];
  private readonly perScene: number;
  private readonly maxPerTemplate: number;
  private readonly totalWeight: number;
  private emittedTotal = 0;
  private readonly byTemplate = new Map<string, number>();
  private readonly byAnswer = new Map<string, number>();
  /** Every answer each template's candidates have offered so far: its answer domain. */
  private readonly domain = new Map<string, Set<string>>();
  /** Drafts the executor answered differently, per template. */
  readonly rejected = new Map<string, number>();

  constructor(options: QuestionGeneratorOptions) {
    if (!Number.isInteger(options.questionsPerScene) || options.questionsPerScene < 0) {
      throw new WorldError(`world/questions: questionsPerScene must be a non-negative integer, got ${options.questionsPerScene}`);
    }
    this.templates = options.templates ?? worldTemplates();
    this.perScene = options.questionsPerScene;
    this.maxPerTemplate = options.maxPerTemplate ?? 2;
    this.totalWeight = this.templates.reduce((sum, t) => sum + t.weight, 0);
  }

  private count(map: Map<string, number>, key: string): number {
    return map.get(key) ?? 0;
  }

  private bump(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  /** Questions for one scene graph, ids `<imageId>-q<k>`. */
  generate(graph: SceneGraph, rng: Rng): GeneratedQuestion[] {
    const facts = sceneFacts(graph);
    const pools = new Map<QuestionTemplate, Pool>();
    const poolOf = (template: QuestionTemplate): Pool => {
      let pool = pools.get(template);
      if (!pool) pools.set(template, (pool = groupCandidates(template.candidates(facts))));
      return pool;
    };
    const usedInScene = new Map<string, number>();
    const emitted: Emitted[] = [];
    const blocked = new Set<QuestionTemplate>();

    while (emitted.length < this.perScene) {
      const template = this.nextTemplate(rng, (t) => !blocked.has(t) && this.count(usedInScene, t.detailed) < this.maxPerTemplate);
      if (!template) break;
      const pool = poolOf(template);
      const made = pool.size > 0 ? this.emitFrom(template, pool, graph, rng, `${facts.imageId}-q${emitted.length}`) : undefined;
      if (!made) {
        blocked.add(template);
        continue;
      }
      this.bump(usedInScene, template.detailed);
      emitted.push(made);
    }
    link(emitted);
    return emitted.map(({ qid, question, choice }) => ({ qid, question, choice }));
  }

  private nextTemplate(rng: Rng, usable: (t: QuestionTemplate) => boolean): QuestionTemplate | undefined {
    let best: QuestionTemplate | undefined;
    let bestDeficit = -Infinity;
    for (const template of this.templates) {
      if (!usable(template)) continue;
      const deficit = (template.weight / this.totalWeight) * (this.emittedTotal + 1) - this.count(this.byTemplate, template.detailed) + rng.next() * 1e-3;
      if (deficit > bestDeficit) [best, bestDeficit] = [template, deficit];
    }
    return best;
  }

  /**
   * Picks the candidate with the rarest answer, builds it and has the executor answer it. Answers more
   * than `slack` ahead of the template's rarest known answer are not asked at all (the template waits
   * for a scene that offers a rarer answer), which keeps every template's answers flat.
   */
  private emitFrom(template: QuestionTemplate, pool: Pool, graph: SceneGraph, rng: Rng, qid: string): Emitted | undefined {
    let domain = this.domain.get(template.detailed);
    if (!domain) this.domain.set(template.detailed, (domain = new Set()));
    for (const group of pool.values()) domain.add(group.answer);
    let rarest = Infinity;
    for (const answer of domain) rarest = Math.min(rarest, this.count(this.byAnswer, `${template.detailed}\u0000${answer}`));
    const slack = 2 + 0.02 * this.count(this.byTemplate, template.detailed);
    while (pool.size > 0) {
      let best: CandidateGroup | undefined;
      let bestScore = Infinity;
      for (const group of pool.values()) {
        const overall = this.count(this.byAnswer, `${template.detailed}\u0000${group.answer}`);
        if (overall > rarest + slack) continue;
        const score = overall + this.count(this.byAnswer, `${template.detailed}\u0000${group.local}\u0000${group.answer}`) + rng.next() * 1e-3;
        if (score < bestScore) [best, bestScore] = [group, score];
      }
      if (!best) return undefined;
      const [candidate] = best.candidates.splice(Math.floor(rng.next() * best.candidates.length), 1) as [Candidate];
      if (best.candidates.length === 0) pool.delete(best.key);
      const draft = candidate.build(rng);
      if (!draft) continue;
      const program = parseSemantic(draft.steps, { strict: true });
      const result = executeProgram(graph, program, WORLD_EXECUTE_OPTIONS);
      if (result.kind !== 'answer' || result.answer !== draft.answer) {
        this.bump(this.rejected, template.detailed);
        continue;
      }
      this.emittedTotal++;
      this.bump(this.byTemplate, template.detailed);
      this.bump(this.byAnswer, `${template.detailed}\u0000${result.answer}`);
      this.bump(this.byAnswer, `${template.detailed}\u0000${candidate.local}\u0000${result.answer}`);
      return {
        qid,
        draft,
        structural: template.structural,
        question: questionJson(graph, template, candidate, draft, result.answer, qid, formatSemanticStr(program)),
        choice: { valid: [result.answer], plausible: [...new Set([result.answer, ...draft.plausible])] },
      };
    }
    return undefined;
  }
}

function questionJson(
  graph: SceneGraph,
  template: QuestionTemplate,
  candidate: Candidate,
  draft: QuestionDraft,
  answer: string,
  qid: string,
  semanticStr: string,
): GqaQuestion {
  return {
    imageId: graph.getAttribute('imageId'),
    question: draft.question.text,
    answer,
    fullAnswer: draft.fullAnswer.text,
    isBalanced: true,
    types: { structural: template.structural, semantic: template.semantic, detailed: template.detailed },
    semantic: draft.steps.map((step) => ({ ...step })),
    semanticStr,
    entailed: [],
    equivalent: [qid],
    groups: { global: draft.global, local: candidate.local },
    annotations: {
      question: draft.question.annotations,
      answer: draft.answerRef !== undefined ? { '0': draft.answerRef } : {},
      fullAnswer: draft.fullAnswer.annotations,
    },
  };
}

/**
 * Q1 entails Q2 when Q1's answer makes known every fact Q2 needs; they are equivalent when each needs
 * and reveals the same facts, have the same structural type and the same answer (the same question
 * about the same objects, phrased or described differently). Lists are in question order.
 */
function link(emitted: Emitted[]): void {
  const needs = emitted.map((e) => new Set(e.draft.needs));
  const reveals = emitted.map((e) => new Set(e.draft.reveals));
  const sameSet = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));
  emitted.forEach((e1, i) => {
    const entailed: string[] = [];
    const equivalent: string[] = [];
    emitted.forEach((e2, j) => {
      if (i === j) {
        equivalent.push(e2.qid);
        return;
      }
      const twin = e1.structural === e2.structural && e1.question.answer === e2.question.answer
        && sameSet(needs[i]!, needs[j]!) && sameSet(reveals[i]!, reveals[j]!);
      if (twin) equivalent.push(e2.qid);
      else if (needs[j]!.size > 0 && [...needs[j]!].every((fact) => reveals[i]!.has(fact))) entailed.push(e2.qid);
    });
    e1.question.entailed = entailed;
    e1.question.equivalent = equivalent;
  });
}
