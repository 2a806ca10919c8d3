/**
 * The data worker (see batch-source.ts): owns a LocalBatchSource and answers batch requests in order,
 * transferring the feeds' buffers to the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { type BatchSourceOptions, LocalBatchSource } from './batch-source.ts';

type Request = { type: 'init'; options: BatchSourceOptions } | { type: 'batch'; step: number };

const port = parentPort!;
let source: LocalBatchSource | null = null;
let queue: Promise<void> = Promise.resolve();

port.on('message', (request: Request) => {
  queue = queue.then(async () => {
    try {
      if (request.type === 'init') {
        source = await LocalBatchSource.create(request.options, (done, total) => port.postMessage({ type: 'progress', done, total }));
        port.postMessage({ type: 'ready' });
        return;
      }
      const feeds = await source!.batch(request.step);
      const buffers = Object.values(feeds).map((f) => f.data.buffer as ArrayBuffer);
      port.postMessage({ type: 'batch', step: request.step, feeds }, buffers);
    } catch (error) {
      port.postMessage({ type: 'error', message: (error as Error).message });
    }
  });
});
