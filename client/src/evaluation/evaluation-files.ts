/**
 * Recognises what a JSON file given to the evaluation browser is, from its shape: GQA `metrics.json`
 * (from `sgvqa score` or an API job), official predictions (`[{questionId, prediction}]`), GQA
 * questions (`qid -> {imageId, question, answer, ...}`), or a whole API evaluation job
 * (`GET /api/v1/evaluations/{id}`). Anything else is an EvaluationFileError naming the file.
 */
import type { EvaluationStatusJson, GqaMetrics, Prediction, SampleQuestion } from '../api/types.ts';
import { EvaluationFileError } from './evaluation-file-error.ts';

export type EvaluationFile =
  | { kind: 'metrics'; metrics: GqaMetrics }
  | { kind: 'predictions'; predictions: Prediction[] }
  | { kind: 'questions'; questions: Record<string, SampleQuestion> }
  | { kind: 'job'; job: EvaluationStatusJson };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isMetrics(value: Record<string, unknown>): boolean {
  return typeof value.accuracy === 'number' && isObject(value.perStructuralType) && isObject(value.perSemanticType);
}

export function classifyEvaluationFile(name: string, value: unknown): EvaluationFile {
  if (Array.isArray(value)) {
    const bad = value.findIndex((p) => !isObject(p) || typeof p.questionId !== 'string' || typeof p.prediction !== 'string');
    if (bad >= 0) throw new EvaluationFileError(name, `predictions entry [${bad}] needs a string questionId and prediction`);
    return { kind: 'predictions', predictions: value as Prediction[] };
  }
  if (!isObject(value)) throw new EvaluationFileError(name, 'expected a JSON object or array');
  if (isMetrics(value)) return { kind: 'metrics', metrics: value as GqaMetrics };
  if (typeof value.id === 'string' && typeof value.status === 'string' && isObject(value.progress)) {
    if (value.metrics !== undefined && !(isObject(value.metrics) && isMetrics(value.metrics))) throw new EvaluationFileError(name, 'the job has malformed metrics');
    return { kind: 'job', job: value as unknown as EvaluationStatusJson };
  }
  const entries = Object.entries(value);
  if (entries.length > 0 && entries.every(([, q]) => isObject(q) && typeof q.question === 'string' && typeof q.imageId === 'string')) {
    return { kind: 'questions', questions: value as Record<string, SampleQuestion> };
  }
  throw new EvaluationFileError(name, 'not a metrics.json, predictions.json, questions file or evaluation job');
}
