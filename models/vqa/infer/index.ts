export { answer } from './answer.ts';
export type { AnswerInput, AnswerOptions, AnswerPipeline, AnswerResult, GroundedObject, RoundGrounding } from './answer.ts';
export { predictExamples } from './predict-examples.ts';
export type { ExamplePredictions } from './predict-examples.ts';
export { loadVqaModel } from './vqa-model.ts';
export type { VqaModel } from './vqa-model.ts';
export { VqaSession } from './vqa-session.ts';
export type { VqaRunResult } from './vqa-session.ts';
