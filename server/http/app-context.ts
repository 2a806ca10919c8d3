/**
 * What every route works with: the configuration, the samples, the models, the work queue, the
 * evaluation jobs and the logger, plus the server's own state (start time, event-loop delay, shutdown).
 * Built once per server; tests build their own with their own settings.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { AnswerServices } from './answering/answer-question.ts';
import type { HttpConfig } from './config.ts';
import { EvaluationJobs } from './evaluations/evaluation-jobs.ts';
import type { LoadedModels } from './models/model-ports.ts';
import type { SampleStore } from './samples/sample-store.ts';
import { WorkQueue } from './work-queue.ts';

/** Sampling interval of the event-loop monitor; its samples are intervals, so this is subtracted when reported. */
export const EVENT_LOOP_RESOLUTION_MS = 5;

export interface AppContext {
  config: HttpConfig;
  samples: SampleStore;
  models: LoadedModels;
  queue: WorkQueue;
  evaluations: EvaluationJobs;
  logger: Logger;
  startedAt: number;
  /** Intervals between event-loop monitor ticks since start (nanoseconds; minus the resolution = delay). */
  eventLoopDelay: IntervalHistogram;
  /** Set when graceful shutdown begins: new requests get 503 `shutting_down`. */
  shuttingDown: boolean;
  answerServices(): AnswerServices;
}

export function createAppContext(config: HttpConfig, samples: SampleStore, models: LoadedModels, logger: Logger): AppContext {
  const queue = new WorkQueue(config.queue.concurrency, config.queue.maxQueued);
  const eventLoopDelay = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  eventLoopDelay.enable();
  const services: AnswerServices = {
    samples,
    extractor: models.extractor,
    extractorUnavailable: models.unavailable.sgg,
    answerer: models.answerer,
    answererUnavailable: models.unavailable.vqa,
    maxPixels: config.limits.imagePixels,
    queue,
    executeOptions: samples.executeOptions(),
  };
  return {
    config,
    samples,
    models,
    queue,
    evaluations: new EvaluationJobs(config.evaluations, logger),
    logger,
    startedAt: Date.now(),
    eventLoopDelay,
    shuttingDown: false,
    answerServices: () => services,
  };
}
