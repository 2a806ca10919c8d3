/**
 * Evaluation jobs: POST /evaluations submits one, GET /evaluations/:id follows it. Jobs run one at a
 * time in submission order (each slices its work so live requests keep flowing); at most `maxActive`
 * may be queued or running (429 `too_many_jobs` with Retry-After beyond that) and the most recent
 * finished jobs are kept, at most `maxFinished` of them holding at most `maxKeptPredictions` predictions
 * in all (the oldest are forgotten first). Job ids are random UUIDs, so they cannot be guessed.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EvaluationConfig } from '../config.ts';
import { HttpError } from '../errors/http-error.ts';
import type { EvaluationOutcome, EvaluationTask } from './evaluation-task.ts';

export type EvaluationStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface EvaluationJob {
  id: string;
  status: EvaluationStatus;
  /** What was asked, echoed back (answerer, graphs, split or counts). */
  request: Record<string, unknown>;
  total: number;
  done: number;
  createdAt: string;
  startedAt: string | undefined;
  finishedAt: string | undefined;
  outcome: EvaluationOutcome | undefined;
  error: { code: string; message: string } | undefined;
}

interface Pending {
  job: EvaluationJob;
  task: EvaluationTask;
}

export class EvaluationJobs {
  private readonly jobs = new Map<string, EvaluationJob>();
  private readonly pending: Pending[] = [];
  private readonly finished: string[] = [];
  private running: { job: EvaluationJob; controller: AbortController } | undefined;
  private meanJobMs = 1000;

  constructor(private readonly config: EvaluationConfig, private readonly logger: Logger) {}

  /** Queues `task`; 429 when `maxActive` jobs are already queued or running. */
  submit(task: EvaluationTask, request: Record<string, unknown>): EvaluationJob {
    const active = this.pending.length + (this.running ? 1 : 0);
    if (active >= this.config.maxActive) {
      const retryAfterSeconds = Math.max(1, Math.ceil((active * this.meanJobMs) / 1000));
      throw new HttpError(429, 'too_many_jobs', `${active} evaluations are already queued or running (the limit is ${this.config.maxActive}); retry later`, { retryAfterSeconds });
    }
    const job: EvaluationJob = {
      id: randomUUID(),
      status: 'queued',
      request,
      total: task.total,
      done: 0,
      createdAt: new Date().toISOString(),
      startedAt: undefined,
      finishedAt: undefined,
      outcome: undefined,
      error: undefined,
    };
    this.jobs.set(job.id, job);
    this.pending.push({ job, task });
    this.startNext();
    return job;
  }

  get(id: string): EvaluationJob | undefined {
    return this.jobs.get(id);
  }

  /** Cancels queued and running jobs (graceful shutdown: requests finish, background jobs stop). */
  cancelAll(): void {
    for (const { job } of this.pending.splice(0)) this.finish(job, 'cancelled', { code: 'cancelled', message: 'the server shut down' });
    this.running?.controller.abort(new DOMException('the server shut down', 'AbortError'));
  }

  /** Resolves when no job is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private startNext(): void {
    if (this.running) return;
    const next = this.pending.shift();
    if (!next) return;
    const { job, task } = next;
    const controller = new AbortController();
    this.running = { job, controller };
    job.status = 'running';
    job.startedAt = new Date().toISOString();
    const started = performance.now();
    // Started on a later tick so that submit() returns (and the 202 goes out) first.
    setImmediate(() => {
      task
        .run((done) => {
          job.done = done;
        }, controller.signal)
        .then(
          (outcome) => {
            job.outcome = outcome;
            job.done = job.total;
            this.finish(job, 'succeeded', undefined);
          },
          (error: unknown) => {
            if (controller.signal.aborted) {
              this.finish(job, 'cancelled', { code: 'cancelled', message: 'the server shut down' });
              return;
            }
            const known = error instanceof HttpError;
            if (!known) this.logger.error({ err: error, job: job.id }, 'evaluation failed');
            this.finish(job, 'failed', known ? { code: error.code, message: error.message } : { code: 'internal', message: 'the evaluation failed' });
          },
        )
        .finally(() => {
          this.meanJobMs = 0.8 * this.meanJobMs + 0.2 * (performance.now() - started);
          this.running = undefined;
          this.startNext();
        });
    });
  }

  private finish(job: EvaluationJob, status: EvaluationStatus, error: EvaluationJob['error']): void {
    job.status = status;
    job.error = error;
    job.finishedAt = new Date().toISOString();
    this.finished.push(job.id);
    const kept = (): number => this.finished.reduce((sum, id) => sum + (this.jobs.get(id)?.outcome?.predictions.length ?? 0), 0);
    while (this.finished.length > 1 && (this.finished.length > this.config.maxFinished || kept() > this.config.maxKeptPredictions)) {
      this.jobs.delete(this.finished.shift()!);
    }
  }
}
