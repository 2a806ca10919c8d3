/**
 * The worker thread of worker-session.ts: one onnxruntime session over a VQA model file, running the
 * feeds it is sent one after another and sending the outputs back (buffers transferred, not copied).
 * onnxruntime-node runs a session on the calling thread; here that is this worker's, so the main thread
 * meanwhile reads, groups and tensorizes the next batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ArrayFeedLike } from '../../../models/vqa/features/graph-inputs.ts';
import { VqaSession } from '../../../models/vqa/infer/vqa-session.ts';
import type { SessionReply, SessionRequest, SessionWorkerInit } from './session-protocol.ts';

const port = parentPort!;
const init = workerData as SessionWorkerInit;

try {
  const session = await VqaSession.fromModel(init.modelPath, init.threads);
  port.on('message', (request: SessionRequest) => {
    if (request.type === 'close') {
      void session.release().finally(() => port.close());
      return;
    }
    session.run(request.feeds as Record<string, ArrayFeedLike>).then(
      (out) => {
        const reply: SessionReply = { type: 'result', id: request.id, probs: out.probs, answers: out.answers, grounding: out.grounding, groundingColumns: out.groundingColumns };
        port.postMessage(reply, [out.probs.buffer as ArrayBuffer, out.grounding.buffer as ArrayBuffer]);
      },
      (error: unknown) => port.postMessage({ type: 'error', id: request.id, message: (error as Error).message ?? String(error) } satisfies SessionReply),
    );
  });
  port.postMessage({ type: 'ready' } satisfies SessionReply);
} catch (error) {
  port.postMessage({ type: 'error', id: null, message: (error as Error).message ?? String(error) } satisfies SessionReply);
}
