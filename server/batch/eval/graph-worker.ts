/**
 * The worker thread of graph-worker-client.ts: images in, predicted scene graphs out, in the order asked.
 * Reads and decodes images a few ahead (sharp, libuv's threads), runs the scene-graph generator (its
 * onnxruntime session runs on this thread), adds the location from the VQA model's classifier, and sends
 * each graph back as GQA JSON text. An image that cannot be used is a failure with its message.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { sceneGraphToGqa } from '../../../graph/formats/gqa.ts';
import { isImageInputError, loadSceneGraphGenerator } from '../../../models/sgg/index.ts';
import { mapOrdered, settle } from '../../../models/sgg/inference/ordered-map.ts';
import { LocationClassifier, locationFeaturesOfDecoded } from '../../../models/vqa/scene/index.ts';
import type { GraphReply, GraphRequest, GraphWorkerInit, ImageToPredict, PredictedImage } from './graph-protocol.ts';

const port = parentPort!;
const init = workerData as GraphWorkerInit;

try {
  const generator = await loadSceneGraphGenerator(init.sggPath, { threads: init.threads });
  const classifier = init.locations ? LocationClassifier.fromJSON(init.locations) : null;

  /** The image decoded into the generator's input, with its location distribution. */
  const decode = async ({ path }: ImageToPredict) => {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new Error(`cannot read ${path} (${(error as Error).message})`, { cause: error });
    }
    const { raster, width, height } = await generator.prepare(bytes, path);
    const location = classifier ? classifier.predict(await locationFeaturesOfDecoded(bytes, raster, { width, height })) : undefined;
    return { raster, width, height, location };
  };

  const predictAll = async (items: readonly ImageToPredict[]): Promise<void> => {
    const decoded = mapOrdered(items, init.concurrency, async (item) => ({ item, result: await settle(decode(item)) }));
    for await (const { item, result } of decoded) {
      let reply: PredictedImage;
      if (!result.ok) {
        const error = result.error as Error;
        reply = { type: 'failure', imageId: item.imageId, message: isImageInputError(error) ? error.message : `image "${item.imageId}": ${error.message}` };
      } else {
        const started = performance.now();
        try {
          const { raster, width, height, location } = result.value;
          const { graph } = await generator.predictRaster(raster, { imageId: item.imageId, width, height });
          if (location && location.length > 0) {
            graph.setAttribute('extra', { ...(graph.getAttribute('extra') ?? {}), scores: { location } });
            graph.setAttribute('location', location[0]!.label);
          }
          reply = { type: 'graph', imageId: item.imageId, scene: JSON.stringify(sceneGraphToGqa(graph)), seconds: (performance.now() - started) / 1000 };
        } catch (error) {
          reply = { type: 'failure', imageId: item.imageId, message: `the generator failed on image "${item.imageId}": ${(error as Error).message}` };
        }
      }
      port.postMessage(reply satisfies GraphReply);
    }
  };

  let queue = Promise.resolve();
  port.on('message', (request: GraphRequest) => {
    if (request.type === 'close') {
      queue = queue.then(() => generator.release()).finally(() => port.close());
      return;
    }
    queue = queue.then(() => predictAll(request.items)).catch((error: unknown) => {
      port.postMessage({ type: 'error', message: (error as Error).message ?? String(error) } satisfies GraphReply);
    });
  });
  port.postMessage({ type: 'ready' } satisfies GraphReply);
} catch (error) {
  port.postMessage({ type: 'error', message: (error as Error).message ?? String(error) } satisfies GraphReply);
}
