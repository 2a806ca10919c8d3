/**
 * Question generation for the shapes world: templates (one file per family), referring expressions,
 * grounded phrasing, and the balancing generator that has graph/program's executor answer everything.
 */
export type { GeneratedQuestion, QuestionGeneratorOptions } from './question-generator.ts';
export type { Candidate, QuestionDraft, QuestionTemplate, SemanticType, StructuralType } from './template.ts';
export type { Description, DescribeOptions } from './describe.ts';
export type { ObjectRef, Part, Sentence } from './phrase.ts';
export type { FactObject, SceneFacts, StoredRelation } from './scene-facts.ts';

export { WORLD_EXECUTE_OPTIONS, WorldQuestionGenerator } from './question-generator.ts';
export { worldTemplates } from './templates.ts';
export { describe, isDescribable, nounPhrase, selectSteps, theRef } from './describe.ts';
export { article, fill, plural, sentence } from './phrase.ts';
export { sceneFacts } from './scene-facts.ts';
export { ProgramBuilder } from './program-builder.ts';
