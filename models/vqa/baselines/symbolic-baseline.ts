/**
 * The symbolic baseline: each question's GQA program run by graph/program's executor on the question's
 * scene graph (annotated, or the generator's graph of the image). A program the executor cannot finish
 * on the graph (an object the graph lacks, an unsupported operation) gives an empty prediction, which
 * counts as wrong: the executor never guesses.
 */
import type { GqaQuestion } from '../../../graph/formats/gqa-schema.ts';
import { executeProgram, parseSemantic, type ExecuteOptions } from '../../../graph/program/index.ts';
import type { ViewedGraph } from '../data/graph-source.ts';
import type { GraphSource } from '../data/graph-source.ts';

export interface SymbolicResult {
  readonly predictions: { questionId: string; prediction: string }[];
  readonly accuracy: number;
  /** Questions the executor could not answer on their graph. */
  readonly unanswered: number;
}

export function runSymbolicBaseline(questions: readonly (readonly [string, GqaQuestion])[], source: GraphSource, options: ExecuteOptions = {}): SymbolicResult {
  const predictions: { questionId: string; prediction: string }[] = [];
  let hits = 0;
  let unanswered = 0;
  let scored = 0;
  for (const [qid, q] of questions) {
    if (!q.semantic || q.answer === undefined) continue;
    scored++;
    let prediction = '';
    try {
      const result = executeProgram((source.views(q.imageId)[0] as ViewedGraph).graph, parseSemantic(q.semantic), options);
      if (result.kind === 'answer') prediction = result.answer;
    } catch {
      prediction = '';
    }
    if (prediction === '') unanswered++;
    if (prediction === q.answer) hits++;
    predictions.push({ questionId: qid, prediction });
  }
  return { predictions, accuracy: scored > 0 ? hits / scored : 0, unanswered };
}
