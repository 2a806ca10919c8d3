/**
 * Where training batches come from. `LocalBatchSource` renders and augments on the calling thread;
 * `WorkerBatchSource` does the same work in a worker thread (train/data-worker.ts), so scene rendering
 * and augmentation overlap the onnxruntime step, which runs on the main thread. Both give the same
 * batch for the same step (everything random is a function of the step), so a run can switch between
 * them and a resumed run sees the batches it would have seen.
 */
import type { Worker } from 'node:worker_threads';
import type { ArrayFeed } from '../../nn/runtime/index.ts';
import { type SggConfig, imageGeometry } from '../config.ts';
import type { AugmentOptions } from '../data/augment.ts';
import { ScenePool } from '../data/scene-pool.ts';
import { LabelIndex } from '../data/scene-sample.ts';
import type { TargetOptions, TrainingFeeds } from '../data/targets.ts';
import { trainingBatch } from '../data/training-batch.ts';
import { SggError } from '../errors/sgg-error.ts';
import { typescriptWorker } from '../../../graph/io/typescript-worker.ts';

export interface BatchSourceOptions {
  readonly config: SggConfig;
  readonly worldSeed: number | string;
  readonly split: string;
  readonly poolSize: number;
  readonly batchSize: number;
  readonly seed: number | string;
  readonly augment: AugmentOptions | null;
  readonly targets: TargetOptions;
  /** The step the first batch is for (a resumed run starts later). */
  readonly startStep: number;
}

export interface BatchSource {
  /** The batch of `step`; steps are asked for in increasing order. */
  batch(step: number): Promise<TrainingFeeds>;
  close(): Promise<void>;
}

export class LocalBatchSource implements BatchSource {
  private constructor(private readonly pool: ScenePool, private readonly options: BatchSourceOptions) {}

  static async create(options: BatchSourceOptions, onProgress?: (done: number, total: number) => void): Promise<LocalBatchSource> {
    const pool = await ScenePool.create(
      { worldSeed: options.worldSeed, split: options.split, size: options.poolSize },
      new LabelIndex(options.config.labels),
      imageGeometry(options.config.architecture),
      options.startStep,
      onProgress,
    );
    return new LocalBatchSource(pool, options);
  }

  async batch(step: number): Promise<TrainingFeeds> {
    // The pool as at the start of `step`; then step's replacement is applied for the next one.
    await this.pool.advance(step - 1);
    return trainingBatch(this.pool, step, this.options.config, this.options);
  }

  async close(): Promise<void> {
    await this.pool.drain();
  }
}

type WorkerReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'ready' }
  | { type: 'batch'; step: number; feeds: Record<string, ArrayFeed> }
  | { type: 'error'; message: string };

export class WorkerBatchSource implements BatchSource {
  private readonly waiting = new Map<number, { resolve: (f: TrainingFeeds) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {}

  static async create(options: BatchSourceOptions, onProgress?: (done: number, total: number) => void): Promise<WorkerBatchSource> {
    const worker = typescriptWorker(new URL('./data-worker.ts', import.meta.url));
    const source = new WorkerBatchSource(worker);
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'progress') onProgress?.(reply.done, reply.total);
        else if (reply.type === 'ready') resolve();
        else if (reply.type === 'batch') source.deliver(reply.step, reply.feeds);
        else source.fail(new SggError(`sgg/train: data worker: ${reply.message}`), reject);
      });
      worker.on('error', (e) => source.fail(new SggError(`sgg/train: data worker crashed: ${e.message}`, { cause: e }), reject));
      worker.postMessage({ type: 'init', options });
    });
    return source;
  }

  private deliver(step: number, feeds: TrainingFeeds): void {
    const waiter = this.waiting.get(step);
    this.waiting.delete(step);
    waiter?.resolve(feeds);
  }

  private fail(error: Error, reject?: (e: Error) => void): void {
    this.failure = error;
    reject?.(error);
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  batch(step: number): Promise<TrainingFeeds> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(step, { resolve, reject });
      this.worker.postMessage({ type: 'batch', step });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
