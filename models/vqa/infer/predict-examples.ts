/**
 * Answers a set of encoded questions with a VqaSession, in batches, from view 0 of each image's graph
 * source: arg-max answer per question, its probability, and accuracy against the known answers.
 */
import type { BatchBuilder } from '../data/batch-builder.ts';
import type { Examples } from '../data/examples.ts';
import type { GraphSource } from '../data/graph-source.ts';
import type { AnswerVocabulary } from '../question/answer-vocabulary.ts';
import type { VqaSession } from './vqa-session.ts';

export interface ExamplePredictions {
  /** Official-format predictions. */
  readonly predictions: { questionId: string; prediction: string }[];
  /** Fraction of questions whose predicted answer equals the known one (unknown answers count wrong). */
  readonly accuracy: number;
  readonly questions: number;
  readonly seconds: number;
}

export async function predictExamples(
  session: VqaSession,
  builder: BatchBuilder,
  examples: Examples,
  source: GraphSource,
  answers: AnswerVocabulary,
  options: { batchSize?: number; limit?: number | null } = {},
): Promise<ExamplePredictions> {
  const started = performance.now();
  const total = Math.min(examples.qids.length, options.limit ?? Infinity);
  const batch = options.batchSize ?? 256;
  const predictions: { questionId: string; prediction: string }[] = [];
  let hits = 0;
  for (let start = 0; start < total; start += batch) {
    const indices = Array.from({ length: Math.min(batch, total - start) }, (_, i) => start + i);
    const { feeds } = builder.evaluation(examples, indices, source);
    const out = await session.run(feeds);
    indices.forEach((k, row) => {
      let best = 0;
      for (let a = 1; a < out.answers; a++) if ((out.probs[row * out.answers + a] as number) > (out.probs[row * out.answers + best] as number)) best = a;
      predictions.push({ questionId: examples.qids[k] as string, prediction: answers.answer(best) });
      if (best === examples.answers[k]) hits++;
    });
  }
  return { predictions, accuracy: total > 0 ? hits / total : 0, questions: total, seconds: (performance.now() - started) / 1000 };
}
