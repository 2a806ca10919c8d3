/**
 * A VQA model session in a worker thread, with VqaSession's `run(feeds)`: feeds go to the worker
 * (buffers transferred), runs are queued there in order, results come back. With two batches in flight
 * (evaluate-questions.ts `inFlight`), the main thread prepares one batch while the worker runs the
 * other, which keeps both cores of a 2-core machine busy. The results are those of a session on the
 * main thread: same file, same onnxruntime settings, same feeds.
 */
import type { Worker } from 'node:worker_threads';
import type { ArrayFeedLike } from '../../../models/vqa/features/graph-inputs.ts';
import type { VqaRunResult } from '../../../models/vqa/infer/vqa-session.ts';
import { EvalError } from '../errors/eval-error.ts';
import type { SessionReply, SessionRequest, SessionWorkerInit } from './session-protocol.ts';
import { typescriptWorker } from '../../../graph/io/typescript-worker.ts';

export interface VqaRunner {
  run(feeds: Readonly<Record<string, ArrayFeedLike>>): Promise<VqaRunResult>;
}

export class WorkerSession implements VqaRunner {
  private readonly pending = new Map<number, { resolve: (r: VqaRunResult) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {}

  /** Starts the worker and waits until it has loaded `modelPath`. */
  static async start(modelPath: string, threads = 1): Promise<WorkerSession> {
    const init: SessionWorkerInit = { modelPath, threads };
    const worker = typescriptWorker(new URL('./session-worker.ts', import.meta.url), { name: 'sgvqa-eval-session', workerData: init });
    const session = new WorkerSession(worker);
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: SessionReply) => {
        if (reply.type === 'ready') resolve();
        else if (reply.type === 'result') session.settle(reply.id, (p) => p.resolve({ probs: reply.probs, answers: reply.answers, grounding: reply.grounding, groundingColumns: reply.groundingColumns }));
        else if (reply.id === null) reject(new EvalError(`the model session worker could not load ${modelPath}: ${reply.message}`));
        else session.settle(reply.id, (p) => p.reject(new EvalError(`the VQA model failed on a batch: ${reply.message}`)));
      });
      worker.on('error', (error) => {
        session.fail(new EvalError(`the model session worker crashed: ${error.message}`, { cause: error }));
        reject(session.failure);
      });
      worker.on('exit', (code) => {
        if (session.pending.size > 0) session.fail(new EvalError(`the model session worker exited (code ${code})`));
      });
    });
    return session;
  }

  run(feeds: Readonly<Record<string, ArrayFeedLike>>): Promise<VqaRunResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const request: SessionRequest = { type: 'run', id, feeds };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // The feeds were built for this run only: hand their buffers over instead of copying them.
      const buffers = Object.values(feeds).map((feed) => feed.data.buffer as ArrayBuffer);
      this.worker.postMessage(request, [...new Set(buffers)]);
    });
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'close' } satisfies SessionRequest);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await this.worker.terminate();
  }

  private settle(id: number, action: (p: { resolve: (r: VqaRunResult) => void; reject: (e: Error) => void }) => void): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    action(pending);
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
