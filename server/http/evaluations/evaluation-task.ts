/**
 * One evaluation: answer every question on its scene graph, then compute the GQA metrics of the
 * predictions with server/batch's scorer. The loop yields to the event loop every few milliseconds, so
 * a long job never holds up live requests. A question that cannot be answered (no program for the
 * executor, no graph for its image, a program the graph cannot answer) gets an empty prediction, as
 * `sgvqa program run` does: counted, never guessed.
 */
import { setImmediate as nextTick } from 'node:timers/promises';
import type { GqaChoice, GqaPrediction, GqaQuestion } from '../../../graph/formats/gqa-schema.ts';
import { executeProgram, parseSemantic, type ExecuteOptions } from '../../../graph/program/index.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import { computeGqaMetrics, type GqaMetrics } from '../../batch/index.ts';
import { HttpError, isHttpError } from '../errors/http-error.ts';
import type { Answerer } from '../models/model-ports.ts';
import type { WorkQueue } from '../work-queue.ts';

export interface EvaluationSummary {
  questions: number;
  answered: number;
  /** Questions with an empty prediction, by cause (`no-program`, `no-graph`, executor causes, ...). */
  unanswered: Record<string, number>;
  seconds: number;
  questionsPerSecond: number;
}

export interface EvaluationOutcome {
  metrics: GqaMetrics;
  predictions: GqaPrediction[];
  summary: EvaluationSummary;
}

export interface EvaluationTask {
  total: number;
  run(progress: (done: number) => void, signal: AbortSignal): Promise<EvaluationOutcome>;
}

export interface EvaluationData {
  questions: [string, GqaQuestion][];
  choices: [string, GqaChoice][] | undefined;
  /** The graph a question's image is evaluated on; undefined when there is none. */
  graphOf(imageId: string): Promise<SceneGraph | undefined>;
}

export type EvaluationAnswerer =
  | { kind: 'symbolic'; options: ExecuteOptions }
  /** Model answers go through the work queue as background tasks, behind waiting requests. */
  | { kind: 'model'; answerer: Answerer; queue: WorkQueue };

/** Milliseconds of work between yields to the event loop. */
const SLICE_MS = 8;

type Answer = { prediction: string; unanswered?: string };

async function answerOne(answerer: EvaluationAnswerer, graph: SceneGraph, question: GqaQuestion): Promise<Answer> {
  if (answerer.kind === 'model') {
    try {
      const { answer } = await answerer.queue.runBackground(() => answerer.answerer.answer(graph, question.question));
      return { prediction: answer };
    } catch (error) {
      // A question the model cannot read (too many words) is one unanswered question, not a failed job.
      if (isHttpError(error) && error.code === 'invalid_question') return { prediction: '', unanswered: 'bad-question' };
      throw error;
    }
  }
  if (!question.semantic) return { prediction: '', unanswered: 'no-program' };
  let program;
  try {
    program = parseSemantic(question.semantic);
  } catch {
    return { prediction: '', unanswered: 'bad-program' };
  }
  const result = executeProgram(graph, program, answerer.options);
  return result.kind === 'answer' ? { prediction: result.answer } : { prediction: '', unanswered: result.cause };
}

export function evaluationTask(data: EvaluationData, answerer: EvaluationAnswerer): EvaluationTask {
  return {
    total: data.questions.length,
    async run(progress, signal) {
      const started = performance.now();
      const predictions: GqaPrediction[] = [];
      const unanswered: Record<string, number> = {};
      let sliceStart = performance.now();
      for (const [questionId, question] of data.questions) {
        const graph = await data.graphOf(question.imageId);
        const answer: Answer = graph ? await answerOne(answerer, graph, question) : { prediction: '', unanswered: 'no-graph' };
        if (answer.unanswered) unanswered[answer.unanswered] = (unanswered[answer.unanswered] ?? 0) + 1;
        predictions.push({ questionId, prediction: answer.prediction });
        if (performance.now() - sliceStart > SLICE_MS) {
          progress(predictions.length);
          await nextTick();
          signal.throwIfAborted();
          sliceStart = performance.now();
        }
      }
      progress(predictions.length);
      let metrics: GqaMetrics;
      try {
        metrics = await computeGqaMetrics({ predictions, questions: data.questions, choices: data.choices }, { allowMissing: true });
      } catch (error) {
        // The scorer's complaints (a question without an answer, duplicates) are about the submitted data.
        if (error instanceof Error && (error.name === 'ScoreInputError' || error.name === 'MissingEntriesError')) {
          throw new HttpError(422, 'invalid_request', error.message);
        }
        throw error;
      }
      const seconds = (performance.now() - started) / 1000;
      const answered = predictions.length - Object.values(unanswered).reduce((a, b) => a + b, 0);
      return {
        metrics,
        predictions,
        summary: {
          questions: predictions.length,
          answered,
          unanswered,
          seconds: Math.round(seconds * 1000) / 1000,
          questionsPerSecond: Math.round(predictions.length / Math.max(seconds, 1e-6)),
        },
      };
    },
  };
}
