/**
 * A fixed pool of inference worker threads (inference-worker.ts), and the model ports backed by it.
 * onnxruntime-node runs sessions synchronously on the calling thread, so running the models on the
 * server's event loop would stall every other request for the length of an inference; here each
 * worker owns its own sessions and the event loop only passes messages. Requests go to the worker with
 * the fewest in flight. A worker that dies fails its pending requests (500) and is replaced.
 */
import type { Worker } from 'node:worker_threads';
import type { SceneGraph } from '../../../graph/scene-graph.ts';
import type { CheckedImage } from '../images/decode-image.ts';
import type { Answerer, ExtractedSceneGraph, ImageAnswer, LoadedModels, ModelAnswer, ModelDescription, SceneGraphExtractor, SceneGraphViews } from '../models/model-ports.ts';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol.ts';
import { errorFromWire, graphFromWire, graphToWire } from './wire.ts';
import { typescriptWorker } from '../../../graph/io/typescript-worker.ts';

type Ready = Extract<WorkerReply, { type: 'ready' }>;
type Result = Extract<WorkerReply, { type: 'extracted' } | { type: 'viewed' } | { type: 'answered' } | { type: 'answeredImage' }>;
type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (reply: Result) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  lost: boolean;
}

export class InferencePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closing = false;

  private constructor(private readonly init: WorkerInit, private readonly onWorkerLost: (message: string) => void) {}

  /** Starts `count` workers and waits until each has loaded the models. */
  static async start(count: number, init: WorkerInit, onWorkerLost: (message: string) => void = () => {}): Promise<{ pool: InferencePool; ready: Ready }> {
    const pool = new InferencePool(init, onWorkerLost);
    const ready = await Promise.all(Array.from({ length: count }, () => pool.spawn()));
    return { pool, ready: ready[0]! };
  }

  get size(): number {
    return this.slots.length;
  }

  private spawn(): Promise<Ready> {
    const worker = typescriptWorker(new URL('./inference-worker.ts', import.meta.url), { name: 'sgvqa-inference' });
    const slot: Slot = { worker, pending: new Map(), lost: false };
    return new Promise<Ready>((resolve, reject) => {
      let ready = false;
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') {
          ready = true;
          this.slots.push(slot);
          resolve(reply);
        } else if (reply.type === 'fatal') {
          reject(errorFromWire(reply.error));
          void worker.terminate();
        } else {
          const waiting = slot.pending.get(reply.id);
          slot.pending.delete(reply.id);
          if (reply.type === 'failed') waiting?.reject(errorFromWire(reply.error));
          else waiting?.resolve(reply);
        }
      });
      const lost = (why: string): void => {
        if (slot.lost) return;
        slot.lost = true;
        const index = this.slots.indexOf(slot);
        if (index >= 0) this.slots.splice(index, 1);
        for (const waiting of slot.pending.values()) waiting.reject(new Error(`http/inference-pool: ${why}`));
        slot.pending.clear();
        if (!ready) {
          reject(new Error(`http/inference-pool: a worker failed while loading the models: ${why}`));
          return;
        }
        if (this.closing) return;
        this.onWorkerLost(why);
        this.spawn().catch((error: unknown) => this.onWorkerLost(`replacement failed: ${(error as Error).message}`));
      };
      worker.on('error', (error) => lost(`worker error: ${error.message}`));
      worker.on('exit', (code) => {
        if (!this.closing || slot.pending.size > 0) lost(`worker exited with code ${code}`);
      });
      worker.postMessage(this.init);
    });
  }

  call(body: RequestBody): Promise<Result> {
    if (this.slots.length === 0) return Promise.reject(new Error('http/inference-pool: no inference worker is running'));
    let slot = this.slots[0]!;
    for (const candidate of this.slots) if (candidate.pending.size < slot.pending.size) slot = candidate;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ ...body, id });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map(async ({ worker }) => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ type: 'close' });
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    }));
    this.slots.length = 0;
  }
}

class PooledExtractor implements SceneGraphExtractor {
  dispose?: () => Promise<void>;

  constructor(private readonly pool: InferencePool, readonly description: ModelDescription) {}

  async extract(image: CheckedImage, imageId: string): Promise<ExtractedSceneGraph> {
    const reply = await this.pool.call({ type: 'extract', bytes: image.bytes, format: image.format, width: image.width, height: image.height, imageId });
    if (reply.type !== 'extracted') throw new Error('http/inference-pool: unexpected reply');
    return { graph: graphFromWire(reply.graph), timings: reply.timings };
  }

  async views(image: CheckedImage, imageId: string): Promise<SceneGraphViews> {
    const reply = await this.pool.call({ type: 'views', bytes: image.bytes, format: image.format, width: image.width, height: image.height, imageId });
    if (reply.type !== 'viewed') throw new Error('http/inference-pool: unexpected reply');
    return {
      views: reply.views.map((view) => ({ png: Buffer.from(view.png.buffer, view.png.byteOffset, view.png.byteLength), graph: graphFromWire(view.graph), transform: view.transform })),
      correspondence: reply.correspondence,
      timings: reply.timings,
    };
  }
}

class PooledAnswerer implements Answerer {
  dispose?: () => Promise<void>;

  constructor(private readonly pool: InferencePool, readonly description: ModelDescription) {}

  async answer(graph: SceneGraph, question: string): Promise<ModelAnswer> {
    const reply = await this.pool.call({ type: 'answer', graph: graphToWire(graph), question });
    if (reply.type !== 'answered') throw new Error('http/inference-pool: unexpected reply');
    return reply.answer;
  }

  /** Set by pooledModels when the workers hold both models. */
  answerImage?: (image: CheckedImage, imageId: string, question: string) => Promise<ImageAnswer>;
}

async function answerImage(pool: InferencePool, image: CheckedImage, imageId: string, question: string): Promise<ImageAnswer> {
  const reply = await pool.call({ type: 'answerImage', bytes: image.bytes, format: image.format, width: image.width, height: image.height, imageId, question });
  if (reply.type !== 'answeredImage') throw new Error('http/inference-pool: unexpected reply');
  return { imageId: reply.graph.imageId, scene: reply.graph.scene, answer: reply.answer, timings: reply.timings };
}

/** The models as the workers loaded them, behind the usual ports (closing the answerer closes the pool). */
export function pooledModels(pool: InferencePool, ready: Ready): LoadedModels {
  const extractor = ready.sgg ? new PooledExtractor(pool, ready.sgg) : undefined;
  const answerer = ready.vqa ? new PooledAnswerer(pool, ready.vqa) : undefined;
  if (answerer && extractor) answerer.answerImage = (image, imageId, question) => answerImage(pool, image, imageId, question);
  // Whichever port exists releases the pool, once.
  const close = (): Promise<void> => pool.close();
  if (answerer) answerer.dispose = close;
  else if (extractor) extractor.dispose = close;
  return { extractor, answerer, unavailable: ready.unavailable };
}
