/**
 * A bounded work queue: at most `concurrency` tasks run at once and at most `maxQueued` wait. A task
 * beyond that is refused at once with QueueFullError (the server answers 503 + Retry-After) so that
 * overload costs a fast refusal instead of memory and ever-growing latency. A waiting task whose signal
 * aborts (deadline passed, client gone) leaves the queue without running.
 *
 * Background work (evaluation jobs, one question at a time) goes through the same slots with lower
 * priority: it waits, unbounded and never refused, until no request is waiting, so a long job shares
 * the models with live requests instead of starving them.
 */
import { QueueFullError } from './errors/queue-full-error.ts';

interface Waiting {
  start: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface WorkQueueStats {
  /** Requests admitted (see `admit`) and not yet done: buffering their body, waiting or running. */
  admitted: number;
  running: number;
  queued: number;
  /** Background tasks (evaluation jobs) waiting for a slot. */
  background: number;
  concurrency: number;
  maxQueued: number;
  completed: number;
  rejected: number;
  /** Exponential moving average of task run time, milliseconds. */
  meanRunMs: number;
}

export class WorkQueue {
  private readonly waiting: Waiting[] = [];
  private readonly background: Waiting[] = [];
  private running = 0;
  private admitted = 0;
  private completed = 0;
  private rejected = 0;
  private meanRunMs = 0;

  constructor(readonly concurrency: number, readonly maxQueued: number) {
    if (!(concurrency >= 1) || !(maxQueued >= 0)) throw new RangeError('http/work-queue: concurrency >= 1 and maxQueued >= 0 required');
  }

  /**
   * Admission before a request's body is read: true (and counted until `release`) while fewer than
   * concurrency + maxQueued requests are admitted, false (counted as rejected) otherwise.
   */
  admit(): boolean {
    if (this.admitted >= this.concurrency + this.maxQueued) {
      this.rejected++;
      return false;
    }
    this.admitted++;
    return true;
  }

  release(): void {
    this.admitted--;
  }

  /** Runs `task` when a slot is free; rejects with QueueFullError when the queue is full, or with the signal's reason. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) {
        this.rejected++;
        throw new QueueFullError(`${this.running} tasks running and ${this.waiting.length} waiting`, this.retryAfterSeconds());
      }
      // The slot is handed over by next(), already counted, so no newcomer can take it in between.
      await this.wait(this.waiting, signal);
    } else {
      this.running++;
    }
    return this.execute(task);
  }

  /** Runs background `task` when a slot is free and no request waits for one. */
  async runBackground<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.running >= this.concurrency || this.waiting.length > 0) await this.wait(this.background, signal);
    else this.running++;
    return this.execute(task);
  }

  private async execute<T>(task: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await task();
    } finally {
      const ms = performance.now() - started;
      this.meanRunMs = this.completed === 0 ? ms : 0.9 * this.meanRunMs + 0.1 * ms;
      this.completed++;
      this.running--;
      this.next();
    }
  }

  stats(): WorkQueueStats {
    return {
      admitted: this.admitted,
      running: this.running,
      queued: this.waiting.length,
      background: this.background.length,
      concurrency: this.concurrency,
      maxQueued: this.maxQueued,
      completed: this.completed,
      rejected: this.rejected,
      meanRunMs: this.meanRunMs,
    };
  }

  private wait(line: Waiting[], signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const entry: Waiting = {
        start: resolve,
        reject,
        signal,
        onAbort: () => {
          const index = line.indexOf(entry);
          if (index >= 0) line.splice(index, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      line.push(entry);
    });
  }

  private next(): void {
    const entry = this.waiting.shift() ?? this.background.shift();
    if (!entry) return;
    entry.signal?.removeEventListener('abort', entry.onAbort);
    this.running++;
    entry.start();
  }

  /** Whole seconds until a slot is likely free (queued work / throughput), at least 1. */
  retryAfterSeconds(): number {
    const perSlotMs = Math.max(this.meanRunMs, 1);
    const drainMs = ((this.waiting.length + this.running) * perSlotMs) / this.concurrency;
    return Math.max(1, Math.ceil(drainMs / 1000));
  }
}
