/**
 * The GQA program executor as a QuestionAnswerer: each question's `semantic` program run by
 * graph/program on its scene graph. It never guesses: a program it cannot finish on the graph is an
 * unanswered question with the executor's cause. Confidence is 1 for an answer. Its attention (for the
 * grounding metric) is the object set of the last step that selected objects, each weighted
 * 1 / |set|: the objects the answer was read from.
 */
import { executeProgram, parseSemantic, type ExecuteOptions, type StepTrace } from '../../../graph/program/index.ts';
import type { EvalAnswer, ObjectAttention, QuestionAnswerer, QuestionOnGraph } from './eval-types.ts';

export interface SymbolicAnswererOptions {
  /** Ontology and name classes of the questions' world (default: graph/program's GQA defaults). */
  readonly execute?: ExecuteOptions;
  /** Report the attention of each answer (grounding). */
  readonly withAttention?: boolean;
}

/** Uniform attention over the objects of the last step that produced objects. */
export function traceAttention(trace: readonly StepTrace[]): ObjectAttention[] {
  for (let s = trace.length - 1; s >= 0; s--) {
    const value = trace[s]!.value;
    if (value.kind !== 'objects') continue;
    const weight = value.ids.length > 0 ? 1 / value.ids.length : 0;
    return value.ids.map((id) => [id, weight] as const);
  }
  return [];
}

export class SymbolicAnswerer implements QuestionAnswerer {
  readonly name = 'symbolic';
  private readonly execute: ExecuteOptions;
  private readonly withAttention: boolean;

  constructor(options: SymbolicAnswererOptions = {}) {
    this.execute = options.execute ?? {};
    this.withAttention = options.withAttention ?? false;
  }

  async answerBatch(items: readonly QuestionOnGraph[]): Promise<EvalAnswer[]> {
    return items.map((item) => this.answerOne(item));
  }

  private answerOne({ question, graph }: QuestionOnGraph): EvalAnswer {
    const steps = question.question.semantic;
    if (!steps) return { prediction: '', confidence: 0, cause: 'no-program', detail: 'the question has no `semantic` program' };
    let program;
    try {
      program = parseSemantic(steps, { path: [question.questionId, 'semantic'] });
    } catch (error) {
      return { prediction: '', confidence: 0, cause: 'bad-program', detail: (error as Error).message };
    }
    const result = executeProgram(graph, program, this.execute);
    const attention = this.withAttention ? { attention: traceAttention(result.trace) } : {};
    if (result.kind === 'answer') return { prediction: result.answer, confidence: 1, ...attention };
    return { prediction: '', confidence: 0, cause: result.cause, detail: `step ${result.step} (${result.operation}): ${result.reason}`, ...attention };
  }
}
