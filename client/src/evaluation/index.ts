export { comparePredictions } from './compare-predictions.ts';
export type { AccuracyCount, PredictionComparison, WrongAnswer } from './compare-predictions.ts';
export { EvaluationFileError } from './evaluation-file-error.ts';
export { classifyEvaluationFile } from './evaluation-files.ts';
export type { EvaluationFile } from './evaluation-files.ts';
