/**
 * `computeGqaMetrics`: the whole scoring over in-memory or streamed inputs. Each input is consumed once,
 * in the order the accumulator needs (predictions, scenes, questions, choices, attentions), so async
 * generators over files are read one after the other and never held whole.
 */
import type { GqaChoice, GqaQuestion } from '../../../graph/formats/gqa-schema.ts';
import { ScoreInputError } from '../errors/score-input-error.ts';
import type { QuestionAttention } from './attention-schema.ts';
import { GqaMetricsAccumulator } from './gqa-metrics-accumulator.ts';
import type { GqaMetrics } from './gqa-metrics.ts';
import type { SceneBoxSource } from './scene-boxes.ts';

export type EntrySource<T> = Iterable<T> | AsyncIterable<T>;

export interface GqaMetricsInputs {
  /** Official predictions: `{ questionId, prediction }` per question. */
  predictions: EntrySource<{ readonly questionId: string; readonly prediction: string }>;
  /** `[questionId, question]` in the GQA questions format (all questions, for consistency). */
  questions: EntrySource<readonly [string, GqaQuestion]>;
  /** `[questionId, {valid, plausible}]`: enables validity and plausibility. */
  choices?: EntrySource<readonly [string, GqaChoice]>;
  /** `[imageId, scene]` with object boxes; with `attentions`, enables grounding. */
  scenes?: EntrySource<readonly [string, SceneBoxSource]>;
  attentions?: EntrySource<QuestionAttention>;
}

export interface ComputeMetricsOptions {
  /** Leave out questions lacking a prediction, choices entry or attention instead of failing. */
  allowMissing?: boolean;
}

/** Every GQA metric of `inputs` (see GqaMetrics and server/batch/METRICS.md). */
export async function computeGqaMetrics(inputs: GqaMetricsInputs, options: ComputeMetricsOptions = {}): Promise<GqaMetrics> {
  if ((inputs.scenes === undefined) !== (inputs.attentions === undefined)) {
    throw new ScoreInputError('grounding needs both scene graphs and attentions');
  }
  const accumulator = new GqaMetricsAccumulator({
    allowMissing: options.allowMissing,
    withChoices: inputs.choices !== undefined,
    withGrounding: inputs.attentions !== undefined,
  });
  for await (const { questionId, prediction } of inputs.predictions) accumulator.addPrediction(questionId, prediction);
  if (inputs.scenes) for await (const [imageId, scene] of inputs.scenes) accumulator.addScene(imageId, scene);
  for await (const [questionId, question] of inputs.questions) accumulator.addQuestion(questionId, question);
  if (inputs.choices) for await (const [questionId, choice] of inputs.choices) accumulator.addChoice(questionId, choice);
  if (inputs.attentions) {
    for await (const { questionId, attention } of inputs.attentions) accumulator.addAttention(questionId, attention);
  }
  return accumulator.finish();
}
