/**
 * `sgvqa eval` as a function: answer every question of a GQA questions file on cached scene graphs or on
 * graphs predicted from an image folder, with the VQA model or the symbolic executor, journaling answers
 * as they are made; then write the official predictions, the GQA metrics (computed by the same scorer as
 * `sgvqa score`, over the same files), the reports and the lists of unanswered questions and failed images.
 *
 * Output folder (eval-outputs.ts): journal.jsonl (grows; `--resume` continues from it),
 * predicted-graphs.jsonl (`--images`), then at the end, atomically: predictions.json, metrics.json,
 * report.md, report.html, report-files/, unanswered.json, failed-images.json, scene-graphs.json
 * (`--write-graphs`).
 *
 * The questions file is streamed once: each question is answered, journaled, and scored (the one-pass
 * use of the scorer, in file order: ordered-scoring.ts). Memory: one window of questions, the graphs in
 * flight, ~50 bytes per question for the answers (answer-table.ts), the scene-graphs file as compact
 * strings (scene-file-graphs.ts), and the scorer's own bounded state (METRICS.md).
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readGqaChoices, readGqaQuestions } from '../../../graph/formats/gqa-files.ts';
import { writeJsonArrayAtomic } from '../../../graph/io/atomic-write.ts';
import type { ExecuteOptions } from '../../../graph/program/index.ts';
import { EvalError } from '../errors/eval-error.ts';
import { ResumeMismatchError } from '../errors/resume-mismatch-error.ts';
import { GqaMetricsAccumulator } from '../metrics/gqa-metrics-accumulator.ts';
import type { GqaMetrics } from '../metrics/gqa-metrics.ts';
import { ReportCollector } from '../report/report-collector.ts';
import { writeReports } from '../report/write-reports.ts';
import { writeMetricsJson } from '../write-metrics.ts';
import { AnswerTable } from './answer-table.ts';
import { EvalJournal } from './eval-journal.ts';
import { evalOutputs, removeFinalOutputs } from './eval-outputs.ts';
import { loadEvalSetup } from './eval-setup.ts';
import type { AnsweredBatch, GraphProvider } from './eval-types.ts';
import { DEFAULT_BATCH, DEFAULT_WINDOW, evaluateQuestions } from './evaluate-questions.ts';
import { GroundingCheck } from './grounding-check.ts';
import { ImageFolderGraphs } from './image-folder-graphs.ts';
import { JournalCursor } from './journal-cursor.ts';
import { OrderedScoring } from './ordered-scoring.ts';
import { fileIdentity, type RunFingerprint } from './run-fingerprint.ts';
import { SceneFileGraphs } from './scene-file-graphs.ts';

export interface RunEvaluationOptions {
  readonly questions: string;
  /** Cached graphs: a GQA scene-graphs file (exclusive with `images`). */
  readonly sceneGraphs?: string;
  /** An image folder, through the generator `sgg`. */
  readonly images?: string;
  readonly sgg?: string;
  /** `symbolic`, or a VQA model file. */
  readonly model: string;
  readonly choices?: string;
  readonly out: string;
  readonly limit?: number;
  readonly resume?: boolean;
  readonly batch?: number;
  readonly window?: number;
  /** The executor's options (symbolic answers and report traces) and where they came from (for the report). */
  readonly execute?: ExecuteOptions;
  readonly executeSource?: string;
  /** Also write the predicted graphs as one GQA scene-graphs file (`--images`). */
  readonly writeGraphs?: boolean;
  /** Run the VQA model in a worker thread (default true; the answers are the same either way). */
  readonly modelWorker?: boolean;
  readonly onProgress?: (progress: EvalProgress) => void;
  /** Called as the run enters each phase: loading, answering, scoring, reports. */
  readonly onPhase?: (phase: 'loading' | 'answering' | 'scoring' | 'reports') => void;
}

export interface EvalProgress {
  /** Questions done (answered now or reused). */
  readonly done: number;
  readonly reused: number;
  /** Bytes of the questions file read, and its size. */
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly limit: number | undefined;
}

export interface EvaluationRunSummary {
  readonly questions: number;
  readonly answeredNow: number;
  /** Answers taken from the journal of an earlier run (`--resume`). */
  readonly reused: number;
  /** Questions with a prediction, and the others by cause. */
  readonly answered: number;
  readonly unanswered: Readonly<Record<string, number>>;
  readonly answerer: string;
  readonly images?: { readonly predicted: number; readonly reused: number; readonly failed: number; readonly perSecond: number };
  /** Wall-clock seconds per phase. */
  readonly seconds: { readonly loading: number; readonly answering: number; readonly scoring: number; readonly reports: number; readonly total: number };
  /** Questions answered in this run per second of answering. */
  readonly questionsPerSecond: number;
  /** `computed`, or why grounding was not. */
  readonly grounding: string;
}

export interface EvaluationRunResult {
  readonly metrics: GqaMetrics;
  readonly summary: EvaluationRunSummary;
  readonly files: Readonly<Record<string, string>>;
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

export async function runEvaluation(options: RunEvaluationOptions): Promise<EvaluationRunResult> {
  const started = performance.now();
  if ((options.sceneGraphs === undefined) === (options.images === undefined)) throw new EvalError('give exactly one of scene graphs and an image folder');
  if (options.images !== undefined && options.sgg === undefined) throw new EvalError('an image folder needs a scene-graph generator');
  const out = evalOutputs(resolve(options.out));
  await mkdir(out.dir, { recursive: true });
  options.onPhase?.('loading');

  const withAttention = options.sceneGraphs !== undefined;
  const setup = await loadEvalSetup({ ...options, withAttention });
  let journal: EvalJournal | undefined;
  let images: ImageFolderGraphs | undefined;
  let cursor: JournalCursor | undefined;
  try {
    const table = new AnswerTable();
    const requested: RunFingerprint = {
      questions: fileIdentity(options.questions),
      ...setup.fingerprint,
      window: options.window ?? DEFAULT_WINDOW,
      batch: options.batch ?? DEFAULT_BATCH,
    };
    let resumedAnswers = 0;
    let resumedBytes = 0;
    if (options.resume) {
      const resumed = await EvalJournal.resume(out.journal, requested, (entry) => table.set(entry.ordinal, entry.questionId, entry.answer));
      journal = resumed.journal;
      resumedAnswers = resumed.entries;
      resumedBytes = resumed.bytes;
    } else {
      journal = EvalJournal.create(out.journal, requested);
    }
    await removeFinalOutputs(out);
    const { window, batch } = journal.header.fingerprint;

    let provider: GraphProvider;
    let scenes: SceneFileGraphs | undefined;
    if (options.sceneGraphs !== undefined) {
      scenes = await SceneFileGraphs.load(options.sceneGraphs);
      provider = scenes;
    } else {
      images = await ImageFolderGraphs.open({
        dir: options.images!, sgg: options.sgg!, locations: setup.model?.locations?.toJSON() ?? null, file: out.predictedGraphs, resume: options.resume === true,
      });
      provider = images;
    }
    const loadingSeconds = (performance.now() - started) / 1000;

    options.onPhase?.('answering');
    // Scored while answering (one pass over the questions; ordered-scoring.ts), in questions-file order.
    const accumulator = new GqaMetricsAccumulator({ allowMissing: true, withChoices: options.choices !== undefined, withGrounding: withAttention });
    if (scenes && withAttention) for (const [imageId, boxes] of scenes.boxSources()) accumulator.addScene(imageId, boxes);
    const grounding = withAttention ? new GroundingCheck((imageId, objectId) => scenes!.hasObject(imageId, objectId)) : undefined;
    const collector = new ReportCollector();
    cursor = resumedBytes > 0 && withAttention ? new JournalCursor(out.journal, resumedBytes) : undefined;
    const scoring = new OrderedScoring(accumulator, collector, grounding, cursor);
    const totalBytes = fileIdentity(options.questions).size;
    let bytesRead = 0;
    let done = 0;
    let reused = 0;
    const openJournal = journal;
    const onBatch = async (batch: AnsweredBatch): Promise<void> => {
      openJournal.append(batch);
      for (const { question, answer, reused: old } of batch.entries) {
        if (!old) table.set(question.ordinal, question.questionId, answer);
        else reused++;
      }
      await scoring.add(batch.entries);
      done += batch.entries.length;
      options.onProgress?.({ done, reused, bytesRead, totalBytes, limit: options.limit });
    };
    const counts = await evaluateQuestions(
      readGqaQuestions(options.questions, { onBytes: (bytes) => (bytesRead = bytes) }),
      provider,
      setup.answerer,
      {
        batchSize: batch,
        window,
        inFlight: setup.inFlight,
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        reuse: (q) => {
          const answer = table.get(q.ordinal);
          if (answer !== undefined && table.questionId(q.ordinal) !== q.questionId) {
            throw new ResumeMismatchError(out.journal, [`question ${q.ordinal} of the file is "${q.questionId}", the journal has "${table.questionId(q.ordinal)}"`]);
          }
          return answer;
        },
        onBatch,
      },
    );
    journal.close();
    journal = undefined;
    if (counts.questions === 0) throw new EvalError(`${options.questions} has no questions`);
    if (scoring.scored !== counts.questions) throw new EvalError(`scored ${scoring.scored} of ${counts.questions} questions`);
    const answeringSeconds = counts.seconds;

    options.onPhase?.('scoring');
    const scoringStarted = performance.now();
    const n = counts.questions;
    await writeJsonArrayAtomic(out.predictions, table.predictions(n));
    let metrics: GqaMetrics;
    try {
      if (options.choices !== undefined) for await (const [questionId, choice] of readGqaChoices(options.choices)) accumulator.addChoice(questionId, choice);
      metrics = accumulator.finish();
    } catch (error) {
      if (error instanceof Error && error.name === 'ScoreInputError') {
        throw new EvalError(`predictions written to ${out.predictions}, but they cannot be scored: ${error.message}`, { cause: error });
      }
      throw error;
    }
    await writeMetricsJson(out.dir, metrics);

    // Every unanswered question, from the journal (details live there), in processing order.
    async function* unansweredEntries(): AsyncGenerator<{ questionId: string; cause: string; detail: string | null }> {
      for await (const entry of EvalJournal.entries(out.journal)) {
        if (entry.ordinal >= n || entry.answer.cause === undefined) continue;
        if (collector.isSampled(entry.questionId) && entry.answer.detail) collector.setDetail(entry.questionId, entry.answer.detail);
        yield { questionId: entry.questionId, cause: entry.answer.cause, detail: entry.answer.detail ?? null };
      }
    }
    await writeJsonArrayAtomic(out.unanswered, unansweredEntries());
    const failures = images?.failures() ?? [];
    if (images) await writeJsonArrayAtomic(out.failedImages, failures);
    if (images && options.writeGraphs) await images.writeSceneGraphs(out.sceneGraphs);
    const scoringSeconds = (performance.now() - scoringStarted) / 1000;

    options.onPhase?.('reports');
    const reportsStarted = performance.now();
    const collected = collector.result();
    const groundingStatus = !withAttention
      ? 'grounding needs the annotated scene graphs (--scene-graphs); predicted graphs have other objects'
      : (grounding!.problem ?? 'computed');
    const groundingOn = groundingStatus === 'computed';
    const facts: [string, string][] = [
      ['Questions', `${resolve(options.questions)} (${n} questions${options.limit !== undefined ? `, --limit ${options.limit}` : ''})`],
      ['Graphs', scenes
        ? `${resolve(options.sceneGraphs!)} (${scenes.size} scene graphs)`
        : `${resolve(options.images!)} through the generator ${resolve(options.sgg!)} (${images!.predicted} images predicted in this run, ${images!.reused} taken from an earlier one, ${failures.length} failed)`],
      ['Answerer', setup.answererDescription],
      ['Executor options', options.executeSource ?? 'graph/program defaults (GQA ontology)'],
      ['Choices', options.choices !== undefined ? resolve(options.choices) : 'none (no validity / plausibility)'],
      ['Answering', `${round(answeringSeconds, 1)} s for ${counts.answeredNow} questions (${Math.round(counts.answeredNow / Math.max(answeringSeconds, 1e-9))} questions/s)` +
        `${counts.reused > 0 ? `; ${counts.reused} answers reused from an interrupted run` : ''}`],
    ];
    const notes: string[] = [];
    if (!groundingOn) notes.push(`Grounding is not computed: ${groundingStatus}.`);
    if (counts.reused > 0) notes.push(`Resumed run: ${counts.reused} of ${n} answers come from the journal of an earlier, interrupted run (${resumedAnswers} journaled).`);
    const written = await writeReports(out.dir, {
      run: { command: 'sgvqa eval', createdAt: new Date().toISOString(), facts, notes },
      metrics,
      collected,
      failedImages: failures.slice(0, 50),
      failedImageCount: failures.length,
    }, {
      scene: (imageId) => scenes?.scene(imageId) ?? images?.scene(imageId),
      ...(images ? { imagePath: (imageId: string) => images!.imagePath(imageId) } : {}),
      ...(options.execute ? { execute: options.execute } : {}),
    });
    const reportsSeconds = (performance.now() - reportsStarted) / 1000;

    const summary: EvaluationRunSummary = {
      questions: n,
      answeredNow: counts.answeredNow,
      reused: counts.reused,
      answered: collected.overall.answered,
      unanswered: collected.overall.unanswered,
      answerer: setup.answerer.name,
      ...(images ? {
        images: {
          predicted: images.predicted,
          reused: images.reused,
          failed: failures.length,
          perSecond: round(images.predicted / Math.max(answeringSeconds, 1e-9), 1),
        },
      } : {}),
      seconds: {
        loading: round(loadingSeconds),
        answering: round(answeringSeconds),
        scoring: round(scoringSeconds),
        reports: round(reportsSeconds),
        total: round((performance.now() - started) / 1000),
      },
      questionsPerSecond: Math.round(counts.answeredNow / Math.max(answeringSeconds, 1e-9)),
      grounding: groundingStatus,
    };
    const files: Record<string, string> = {
      predictions: out.predictions,
      metrics: out.metrics,
      reportMarkdown: written.markdown,
      reportHtml: written.html,
      unanswered: out.unanswered,
      journal: out.journal,
    };
    if (images) {
      files.failedImages = out.failedImages;
      files.predictedGraphs = out.predictedGraphs;
      if (options.writeGraphs) files.sceneGraphs = out.sceneGraphs;
    }
    return { metrics, summary, files };
  } finally {
    journal?.close();
    await images?.close();
    await cursor?.close();
    await setup.release();
  }
}
