/**
 * The result of scoring: every metric of the official GQA eval.py, in its units (percentages 0..100,
 * distribution as χ²/100), plus the counts behind them. See server/batch/METRICS.md for the formulas.
 */
import type { AccuracyEntry } from './accuracy-breakdown.ts';

export interface GqaMetrics {
  /** Percent of balanced questions answered correctly (exact string match with `answer`). */
  accuracy: number;
  /** Accuracy on balanced questions whose structural type is not `query` (verify, logical, choose, compare). */
  binary: number;
  /** Accuracy on balanced questions whose structural type is `query`. */
  open: number;
  /** Mean accuracy over the entailed questions of each correct balanced question (percent). */
  consistency: number;
  /** Percent of balanced predictions among the question's valid answers; null without a choices file. */
  validity: number | null;
  /** Percent of balanced predictions among the question's plausible answers; null without a choices file. */
  plausibility: number | null;
  /** Mean attention mass on the annotated regions, times 100; null without attentions. */
  grounding: number | null;
  /** Gold-weighted χ² between gold and predicted answer histograms per global group, / 100 (lower is better); null with no group. */
  distribution: number | null;
  /** Accuracy per `types.structural` (`"null"` for a missing type). */
  perStructuralType: Record<string, AccuracyEntry>;
  /** Accuracy per `types.semantic`. */
  perSemanticType: Record<string, AccuracyEntry>;
  /** Accuracy per question length in words (Python `len(question.split())`). */
  perLength: Record<string, AccuracyEntry>;
  /** Accuracy per number of reasoning steps of the `semantic` program. */
  perSteps: Record<string, AccuracyEntry>;
  counts: GqaMetricCounts;
}

export interface GqaMetricCounts {
  /** Entries of the questions file. */
  questions: number;
  /** Entries of the predictions file. */
  predictions: number;
  /** Balanced questions scored: the denominator of accuracy, validity, plausibility and grounding. */
  balanced: number;
  binary: number;
  open: number;
  /** Questions without a prediction (left out entirely under allowMissing; otherwise an error). */
  missingPredictions: number;
  /** Predictions whose question is not in the questions file (ignored). */
  unmatchedPredictions: number;
  /** Correct balanced questions that got a consistency score. */
  consistencyQuestions: number;
  /** Entailed links left out because the entailed question is absent or unpredicted. */
  skippedEntailedLinks: number;
  /** Balanced questions with a choices entry (null without a choices file). */
  choices: number | null;
  missingChoices: number | null;
  /** Balanced questions with a non-null global group, and how many groups. */
  distributionQuestions: number;
  distributionGroups: number;
  /** Balanced questions with an attention map (null without attentions). */
  grounding: number | null;
  missingAttentions: number | null;
  /** Of those, questions with at least one annotated region (the rest score 0). */
  groundingWithRegions: number | null;
}

export type { AccuracyEntry };
