/**
 * GQA metrics for VQA evaluation sets, computed by server/batch (the same code as `sgvqa score`), so the
 * numbers a training run or the ablation prints match what `sgvqa score` gives for the same predictions.
 * Percentages are turned into fractions to sit beside the trainer's own accuracy.
 */
import { readGqaChoices } from '../../graph/formats/gqa-files.ts';
import type { GqaChoice, GqaQuestion } from '../../graph/formats/gqa-schema.ts';
import { computeGqaMetrics, type GqaMetrics } from '../batch/index.ts';

export interface ScorableSplit {
  readonly questions: readonly (readonly [string, GqaQuestion])[];
  readonly choicesPath: string | undefined;
}

const choicesCache = new Map<string, [string, GqaChoice][]>();

async function choicesOf(path: string): Promise<[string, GqaChoice][]> {
  let entries = choicesCache.get(path);
  if (!entries) {
    entries = [];
    for await (const entry of readGqaChoices(path)) entries.push(entry);
    choicesCache.set(path, entries);
  }
  return entries;
}

/** Full GQA metrics of `predictions` (questions without a prediction are left out). */
export async function gqaMetricsOf(split: ScorableSplit, predictions: readonly { questionId: string; prediction: string }[]): Promise<GqaMetrics> {
  const predicted = new Set(predictions.map((p) => p.questionId));
  return computeGqaMetrics({
    predictions,
    questions: split.questions,
    ...(split.choicesPath ? { choices: (await choicesOf(split.choicesPath)).filter(([qid]) => predicted.has(qid)) } : {}),
  }, { allowMissing: true });
}

/** The headline GQA metrics as fractions in [0, 1] (null where not computable). */
export function headlineMetrics(m: GqaMetrics): Record<string, number | null> {
  const frac = (v: number | null) => (v === null ? null : v / 100);
  return {
    gqaAccuracy: frac(m.accuracy),
    binary: frac(m.binary),
    open: frac(m.open),
    consistency: frac(m.consistency),
    validity: frac(m.validity),
    plausibility: frac(m.plausibility),
  };
}
