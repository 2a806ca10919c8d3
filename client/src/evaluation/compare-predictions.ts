/**
 * Predictions against the questions' annotated answers: overall and per-type accuracy (GQA's
 * structural and semantic types) and the list of wrong answers to browse. This is plain exact-match
 * accuracy, the GQA `accuracy` metric; validity, plausibility, consistency and the rest come from
 * `metrics.json` when one is loaded.
 */
import type { Prediction, SampleQuestion } from '../api/types.ts';

export interface AccuracyCount {
  correct: number;
  count: number;
}

export interface WrongAnswer {
  questionId: string;
  imageId: string;
  question: string;
  answer: string;
  prediction: string;
  structural: string | undefined;
  semantic: string | undefined;
}

export interface PredictionComparison {
  /** Predictions whose question (with an answer) is known. */
  scored: number;
  correct: number;
  /** Predictions of questions not in the loaded questions, or without an annotated answer. */
  unknown: number;
  byStructural: Record<string, AccuracyCount>;
  bySemantic: Record<string, AccuracyCount>;
  wrong: WrongAnswer[];
}

function bump(table: Record<string, AccuracyCount>, key: string | null | undefined, correct: boolean): void {
  if (!key) return;
  const entry = (table[key] ??= { correct: 0, count: 0 });
  entry.count += 1;
  if (correct) entry.correct += 1;
}

export function comparePredictions(predictions: readonly Prediction[], questions: Readonly<Record<string, SampleQuestion>>): PredictionComparison {
  const result: PredictionComparison = { scored: 0, correct: 0, unknown: 0, byStructural: {}, bySemantic: {}, wrong: [] };
  for (const { questionId, prediction } of predictions) {
    const question = questions[questionId];
    if (!question || question.answer === undefined) {
      result.unknown += 1;
      continue;
    }
    const correct = prediction === question.answer;
    result.scored += 1;
    if (correct) result.correct += 1;
    bump(result.byStructural, question.types?.structural, correct);
    bump(result.bySemantic, question.types?.semantic, correct);
    if (!correct) {
      result.wrong.push({
        questionId,
        imageId: question.imageId,
        question: question.question,
        answer: question.answer,
        prediction,
        structural: question.types?.structural ?? undefined,
        semantic: question.types?.semantic ?? undefined,
      });
    }
  }
  return result;
}
