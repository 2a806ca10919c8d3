/**
 * The scene-graph generator in a worker thread (graph-worker.ts): `predict(images)` yields each image's
 * GQA scene (as JSON text) or failure, in the order given, while the worker decodes ahead and runs the
 * model. The main thread meanwhile answers questions and journals; the VQA model has a worker of its
 * own (worker-session.ts), so decoding, the generator and the VQA model overlap on a 2-core machine.
 */
import type { Worker } from 'node:worker_threads';
import { EvalError } from '../errors/eval-error.ts';
import type { GraphReply, GraphRequest, GraphWorkerInit, ImageToPredict, PredictedImage } from './graph-protocol.ts';
import { typescriptWorker } from '../../../graph/io/typescript-worker.ts';

export class GraphWorker {
  private readonly results: PredictedImage[] = [];
  private waiting: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  /** Results still to come for requests whose reader stopped early: dropped on arrival. */
  private discard = 0;

  private constructor(private readonly worker: Worker) {}

  /** Starts the worker and waits until it has loaded (and checked) the generator. */
  static async start(init: GraphWorkerInit): Promise<GraphWorker> {
    const worker = typescriptWorker(new URL('./graph-worker.ts', import.meta.url), { name: 'sgvqa-eval-graphs', workerData: init });
    const client = new GraphWorker(worker);
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: GraphReply) => {
        if (reply.type === 'ready') resolve();
        else if (reply.type === 'error') {
          client.fail(new EvalError(`the scene-graph generator worker: ${reply.message}`));
          reject(client.failure);
        } else if (client.discard > 0) client.discard--;
        else {
          client.results.push(reply);
          client.wake();
        }
      });
      worker.on('error', (error) => {
        client.fail(new EvalError(`the scene-graph generator worker crashed: ${error.message}`, { cause: error }));
        reject(client.failure);
      });
    });
    return client;
  }

  /** Each image's result, in the order of `items`. */
  async *predict(items: readonly ImageToPredict[]): AsyncGenerator<PredictedImage> {
    if (items.length === 0) return;
    this.worker.postMessage({ type: 'predict', items } satisfies GraphRequest);
    let received = 0;
    try {
      while (received < items.length) {
        while (this.results.length === 0) {
          if (this.failure) throw this.failure;
          await new Promise<void>((resolve, reject) => (this.waiting = { resolve, reject }));
        }
        const result = this.results.shift()!;
        received++;
        if (result.imageId !== items[received - 1]!.imageId) throw new EvalError(`the generator worker answered for "${result.imageId}" instead of "${items[received - 1]!.imageId}"`);
        yield result;
      }
    } finally {
      // A reader that stops early (an error downstream) leaves results on their way: drop them.
      const outstanding = items.length - received;
      const buffered = Math.min(outstanding, this.results.length);
      this.results.splice(0, buffered);
      this.discard += outstanding - buffered;
    }
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'close' } satisfies GraphRequest);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await this.worker.terminate();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve();
  }

  private fail(error: Error): void {
    this.failure = error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}
