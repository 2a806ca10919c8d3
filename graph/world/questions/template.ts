/**
 * The shape of a question template: it lists every question it could ask about a scene as cheap
 * candidates (expected answer and balancing group known, text not yet written), and builds the chosen
 * one — phrasing, program, full answer, grounding and the facts it needs and reveals (used for the
 * `entailed` / `equivalent` links).
 */
import type { GqaSemanticStep } from '../../program/index.ts';
import type { Rng } from '../prng.ts';
import type { Sentence } from './phrase.ts';
import type { SceneFacts } from './scene-facts.ts';

export type StructuralType = 'verify' | 'query' | 'choose' | 'logical' | 'compare';
export type SemanticType = 'obj' | 'attr' | 'cat' | 'rel' | 'global';

export interface QuestionDraft {
  steps: GqaSemanticStep[];
  question: Sentence;
  fullAnswer: Sentence;
  /** The answer the template expects; the executor must agree. */
  answer: string;
  /** The object the answer names (for `annotations.answer`). */
  answerRef?: string;
  /** GQA's `groups.global`: the answer type (`color`, `shape`, ...) or null for yes/no. */
  global: string | null;
  /** Facts (`has:<id>:<value>`, `rel:<a>:<p>:<b>`, ...) the answer depends on / makes known. */
  needs: string[];
  reveals: string[];
  /** Answers that make sense for the question (`plausible` in the choices file). */
  plausible: string[];
}

export interface Candidate {
  /** Identity within a scene (template, objects, values): a scene never gets the same one twice. */
  key: string;
  answer: string;
  /** GQA's `groups.local`: the finer balancing group. */
  local: string;
  build(rng: Rng): QuestionDraft | undefined;
}

export interface QuestionTemplate {
  /** GQA `types.detailed`; also the template id for the blind baseline. */
  detailed: string;
  structural: StructuralType;
  semantic: SemanticType;
  /** Share of the questions this template aims at. */
  weight: number;
  candidates(facts: SceneFacts): Candidate[];
}
