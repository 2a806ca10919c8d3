/**
 * One evaluation job: answer every question on its scene graph with server/batch's evaluation core (the
 * same as `sgvqa eval`: questions grouped by image and batched, unanswerable questions recorded with
 * their cause), then compute the GQA metrics of the predictions with server/batch's scorer. The job
 * yields to the event loop between batches whenever it has worked a few milliseconds, so a long job never
 * holds up live requests, and stops at the next batch when cancelled. A question that cannot be answered
 * (no graph for its image, no program for the executor, a question the model cannot read) gets an
 * empty prediction: counted, never guessed.
 */
import { setImmediate as nextTick } from 'node:timers/promises';
import type { GqaChoice, GqaPrediction, GqaQuestion } from '../../../graph/formats/gqa-schema.ts';
import type { ExecuteOptions } from '../../../graph/program/index.ts';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import {
  computeGqaMetrics,
  evaluateQuestions,
  lookupGraphs,
  SymbolicAnswerer,
  type EvalAnswer,
  type GqaMetrics,
  type QuestionAnswerer,
  type QuestionOnGraph,
} from '../../batch/index.ts';
import { HttpError, isHttpError } from '../errors/http-error.ts';
import type { Answerer } from '../models/model-ports.ts';
import type { WorkQueue } from '../work-queue.ts';

export interface EvaluationSummary {
  questions: number;
  answered: number;
  /** Questions with an empty prediction, by cause (`no-graph`, `no-program`, `unreadable-question`, executor causes, ...). */
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
/** Questions per batch: the executor answers a batch in well under a slice; model answers queue one by one. */
const BATCH = 32;

/** The server's model port as the core's answerer: one background task per question, in order. */
function portAnswerer(answerer: Answerer, queue: WorkQueue): QuestionAnswerer {
  return {
    name: answerer.description.name,
    async answerBatch(items: readonly QuestionOnGraph[]): Promise<EvalAnswer[]> {
      const answers: EvalAnswer[] = [];
      for (const { question, graph } of items) {
        try {
          const result = await queue.runBackground(() => answerer.answer(graph, question.question.question));
          answers.push({ prediction: result.answer, confidence: result.confidence });
        } catch (error) {
          // A question the model cannot read (too many words) is one unanswered question, not a failed job.
          if (!isHttpError(error) || error.code !== 'invalid_question') throw error;
          answers.push({ prediction: '', confidence: 0, cause: 'unreadable-question', detail: error.message });
        }
      }
      return answers;
    },
  };
}

export function evaluationTask(data: EvaluationData, answerer: EvaluationAnswerer): EvaluationTask {
  return {
    total: data.questions.length,
    async run(progress, signal) {
      const started = performance.now();
      const predictions = new Array<GqaPrediction>(data.questions.length);
      const unanswered: Record<string, number> = {};
      let done = 0;
      let sliceStart = performance.now();
      const core = answerer.kind === 'symbolic' ? new SymbolicAnswerer({ execute: answerer.options }) : portAnswerer(answerer.answerer, answerer.queue);
      await evaluateQuestions(data.questions, lookupGraphs((imageId) => data.graphOf(imageId)), core, {
        batchSize: BATCH,
        signal,
        onBatch: async ({ entries }) => {
          for (const { question, answer } of entries) {
            predictions[question.ordinal] = { questionId: question.questionId, prediction: answer.prediction };
            if (answer.cause) unanswered[answer.cause] = (unanswered[answer.cause] ?? 0) + 1;
          }
          done += entries.length;
          if (performance.now() - sliceStart > SLICE_MS) {
            progress(done);
            await nextTick();
            signal.throwIfAborted();
            sliceStart = performance.now();
          }
        },
      });
      progress(done);
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
