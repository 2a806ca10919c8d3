/**
 * The batch evaluation core: questions in (streamed), answers out, batch by batch. Used by `sgvqa eval`
 * (run-evaluation.ts) and by the API's evaluation jobs (server/http/evaluations).
 *
 * Questions are read a window at a time (default 4096), grouped by image within the window (first
 * appearance order), and cut into batches of `batchSize` questions in that order, so each image's graph
 * is fetched once per window and a model batch holds few distinct graphs. Memory holds one window of
 * questions and the graphs of the batches in flight, whatever the size of the file.
 *
 * Batches are a pure function of the questions file, the window and the batch size. That is what makes
 * a resumed run identical to an uninterrupted one: the caller's journal records whole batches, `reuse`
 * hands their answers back, and the batches still to answer are composed exactly as they would have been.
 */
import type { GqaQuestion } from '../../../graph/formats/gqa-schema.ts';
import { EvalError } from '../errors/eval-error.ts';
import type { EntrySource } from '../metrics/compute-metrics.ts';
import type {
  AnsweredBatch,
  AnsweredQuestion,
  EvalAnswer,
  EvalQuestion,
  GraphOutcome,
  GraphProvider,
  QuestionAnswerer,
  QuestionOnGraph,
} from './eval-types.ts';

export const DEFAULT_WINDOW = 4096;
export const DEFAULT_BATCH = 512;

export interface EvaluateOptions {
  /** Questions per answerer call (default 512: model runs amortize their fixed costs; a batch is also the journal's unit). */
  readonly batchSize?: number;
  /** Questions grouped by image at a time (default 4096). */
  readonly window?: number;
  /** Stop after this many questions of the file. */
  readonly limit?: number;
  /** An earlier run's answer for the question at `ordinal` (resume); such questions are not answered again. */
  readonly reuse?: (question: EvalQuestion) => EvalAnswer | undefined;
  /**
   * Batches handed to the answerer before the first of them is done (default 1). With 2 and an answerer
   * whose model runs elsewhere (a worker thread), the next batch is prepared while one runs.
   */
  readonly inFlight?: number;
  /** Each batch once answered, in order (awaited: journal it, count it, yield to the event loop). */
  readonly onBatch: (batch: AnsweredBatch) => void | Promise<void>;
  readonly signal?: AbortSignal;
}

export interface EvaluateCounts {
  /** Questions read (up to the limit). */
  readonly questions: number;
  /** Of those, answered in this run (the rest were reused). */
  readonly answeredNow: number;
  readonly reused: number;
  readonly batches: number;
  /** Answering time of this run (reading the questions included), seconds. */
  readonly seconds: number;
}

function failedAnswer(outcome: Extract<GraphOutcome, { kind: 'failed' }>): EvalAnswer {
  return { prediction: '', confidence: 0, cause: outcome.cause, detail: outcome.message };
}

/** Questions of the window in image-grouped order. */
function groupByImage(questions: readonly EvalQuestion[]): EvalQuestion[] {
  const groups = new Map<string, EvalQuestion[]>();
  for (const q of questions) {
    const group = groups.get(q.question.imageId);
    if (group) group.push(q);
    else groups.set(q.question.imageId, [q]);
  }
  const ordered: EvalQuestion[] = [];
  for (const group of groups.values()) for (const q of group) ordered.push(q);
  return ordered;
}

interface PlannedBatch {
  readonly questions: readonly EvalQuestion[];
  /** Per question: the reused answer, or undefined when it is to be answered now. */
  readonly reused: readonly (EvalAnswer | undefined)[];
  readonly fresh: number;
}

export async function evaluateQuestions(
  source: EntrySource<readonly [string, GqaQuestion]>,
  provider: GraphProvider,
  answerer: QuestionAnswerer,
  options: EvaluateOptions,
): Promise<EvaluateCounts> {
  const started = performance.now();
  const windowSize = Math.max(1, options.window ?? DEFAULT_WINDOW);
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const limit = options.limit ?? Infinity;
  const inFlight = Math.max(1, options.inFlight ?? 1);
  let ordinal = 0;
  let seq = 0;
  let answeredNow = 0;
  let reusedCount = 0;

  async function runWindow(window: readonly EvalQuestion[]): Promise<void> {
    const ordered = groupByImage(window);
    const plans: PlannedBatch[] = [];
    for (let start = 0; start < ordered.length; start += batchSize) {
      const questions = ordered.slice(start, start + batchSize);
      const reused = questions.map((q) => options.reuse?.(q));
      plans.push({ questions, reused, fresh: reused.filter((a) => a === undefined).length });
    }
    // Images the batches still to answer need, in order, and the last batch that needs each.
    const needed: string[] = [];
    const lastUse = new Map<string, number>();
    plans.forEach((plan, b) => {
      plan.questions.forEach((q, i) => {
        if (plan.reused[i] !== undefined) return;
        const imageId = q.question.imageId;
        if (!lastUse.has(imageId)) needed.push(imageId);
        lastUse.set(imageId, b);
      });
    });
    const graphs = provider.graphs(needed)[Symbol.asyncIterator]();
    const ready = new Map<string, GraphOutcome>();
    const graphOf = async (imageId: string): Promise<GraphOutcome> => {
      for (;;) {
        const known = ready.get(imageId);
        if (known) return known;
        const next = await graphs.next();
        if (next.done) throw new EvalError(`the graph provider ended before image "${imageId}"`);
        ready.set(next.value[0], next.value[1]);
      }
    };
    // Batches handed to the answerer and not yet emitted, oldest first.
    const running: { entries: AnsweredQuestion[]; slots: number[]; items: QuestionOnGraph[]; answers: Promise<EvalAnswer[]>; fresh: number }[] = [];
    const emitOldest = async (): Promise<void> => {
      const { entries, slots, items, answers: pending, fresh } = running.shift()!;
      const answers = await pending;
      if (answers.length !== items.length) throw new EvalError(`${answerer.name} gave ${answers.length} answers for ${items.length} questions`);
      slots.forEach((slot, k) => {
        entries[slot] = { question: items[k]!.question, answer: answers[k]!, reused: false };
      });
      answeredNow += fresh;
      reusedCount += entries.length - fresh;
      await options.onBatch({ seq: seq++, entries });
    };
    try {
      for (const [b, plan] of plans.entries()) {
        options.signal?.throwIfAborted();
        const entries = new Array<AnsweredQuestion>(plan.questions.length);
        const items: QuestionOnGraph[] = [];
        const slots: number[] = [];
        for (const [i, q] of plan.questions.entries()) {
          const reused = plan.reused[i];
          if (reused !== undefined) {
            entries[i] = { question: q, answer: reused, reused: true };
            continue;
          }
          const outcome = await graphOf(q.question.imageId);
          if (outcome.kind === 'graph') {
            items.push({ question: q, graph: outcome.graph });
            slots.push(i);
          } else {
            entries[i] = { question: q, answer: failedAnswer(outcome), reused: false };
          }
        }
        const answers = items.length > 0 ? answerer.answerBatch(items) : Promise.resolve([]);
        answers.catch(() => undefined); // awaited in turn by emitOldest; no unhandled rejection meanwhile
        running.push({ entries, slots, items, answers, fresh: plan.fresh });
        // Graphs no later batch of the window needs are let go.
        for (const q of plan.questions) if (lastUse.get(q.question.imageId) === b) ready.delete(q.question.imageId);
        if (running.length >= inFlight) await emitOldest();
      }
      while (running.length > 0) await emitOldest();
    } finally {
      await graphs.return?.();
    }
  }

  let window: EvalQuestion[] = [];
  if (limit > 0) {
    for await (const [questionId, question] of source) {
      window.push({ ordinal: ordinal++, questionId, question });
      if (window.length >= windowSize) {
        await runWindow(window);
        window = [];
      }
      if (ordinal >= limit) break;
    }
  }
  if (window.length > 0) await runWindow(window);
  return { questions: ordinal, answeredNow, reused: reusedCount, batches: seq, seconds: (performance.now() - started) / 1000 };
}
