/**
 * An inference worker thread: loads the models (in-process adapters) and answers extract / answer
 * requests from the server. onnxruntime-node runs a session synchronously on the thread that calls it,
 * so inference lives here, off the server's event loop; requests are handled one after another.
 */
import { parentPort } from 'node:worker_threads';
import { loadModelsInProcess } from '../models/load-models.ts';
import type { LoadedModels } from '../models/model-ports.ts';
import type { WorkerInit, WorkerReply, WorkerRequest } from './protocol.ts';
import { errorToWire, graphFromWire, graphToWire } from './wire.ts';

const port = parentPort!;
let models: LoadedModels | undefined;
let chain: Promise<void> = Promise.resolve();

function reply(message: WorkerReply): void {
  port.postMessage(message);
}

async function handle(request: WorkerRequest): Promise<void> {
  try {
    if (request.type === 'answerImage') {
      if (!models?.extractor || !models.answerer) throw new Error('this worker lacks the scene-graph generator or the VQA model');
      const image = { bytes: Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength), format: request.format, width: request.width, height: request.height };
      const started = performance.now();
      const { graph, timings } = await models.extractor.extract(image, request.imageId);
      const answer = await models.answerer.answer(graph, request.question);
      const wire = graphToWire(graph);
      reply({ type: 'answeredImage', id: request.id, graph: wire, answer, timings: { ...timings, workerMs: performance.now() - started } });
    } else if (request.type === 'extract' || request.type === 'views') {
      const extractor = models?.extractor;
      if (!extractor) throw new Error('no scene-graph generator in this worker');
      const image = { bytes: Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength), format: request.format, width: request.width, height: request.height };
      if (request.type === 'extract') {
        const { graph, timings } = await extractor.extract(image, request.imageId);
        reply({ type: 'extracted', id: request.id, graph: graphToWire(graph), timings });
      } else {
        if (!extractor.views) throw new Error('this scene-graph generator has no views');
        const { views, correspondence, timings } = await extractor.views(image, request.imageId);
        reply({ type: 'viewed', id: request.id, views: views.map((view) => ({ png: view.png, graph: graphToWire(view.graph), transform: view.transform })), correspondence, timings });
      }
    } else {
      if (!models?.answerer) throw new Error('no VQA model in this worker');
      reply({ type: 'answered', id: request.id, answer: await models.answerer.answer(graphFromWire(request.graph), request.question) });
    }
  } catch (error) {
    reply({ type: 'failed', id: request.id, error: errorToWire(error) });
  }
}

port.on('message', (message: WorkerInit | WorkerRequest | { type: 'close' }) => {
  chain = chain.then(async () => {
    if (message.type === 'init') {
      try {
        models = await loadModelsInProcess({ sgg: message.sgg, vqa: message.vqa }, message.maxPixels);
        reply({ type: 'ready', sgg: models.extractor?.description, vqa: models.answerer?.description, unavailable: models.unavailable });
      } catch (error) {
        reply({ type: 'fatal', error: errorToWire(error) });
      }
    } else if (message.type === 'close') {
      await Promise.all([models?.extractor?.dispose?.(), models?.answerer?.dispose?.()]);
      port.close();
    } else {
      await handle(message);
    }
  });
});
