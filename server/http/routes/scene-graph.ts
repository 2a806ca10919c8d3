/** POST /api/v1/scene-graph: an image's predicted scene graph, optionally with augmented views. */
import { readFile } from 'node:fs/promises';
import type { Request } from 'express';
import { sceneGraphToGqa } from '../../../graph/formats/gqa.ts';
import { roundTimings } from '../answering/answer-question.ts';
import { predictGraph, sampleOr404 } from '../answering/resolve-graph.ts';
import type { AppContext } from '../app-context.ts';
import { HttpError } from '../errors/http-error.ts';
import { replyJson, requestSignal } from '../middleware/deadline.ts';
import { decodeBase64Image } from '../schemas/image-source.ts';
import { parseRequest } from '../schemas/parse-request.ts';
import type { RouteSpec } from './route-spec.ts';
import {
  SceneGraphFormDocSchema,
  SceneGraphJsonRequestSchema,
  SceneGraphMultipartRequestSchema,
  SceneGraphResponseSchema,
  type SceneGraphResponse,
} from './scene-graph-schema.ts';

interface SceneGraphInput {
  bytes: () => Promise<Buffer>;
  imageId: string;
  views: boolean;
}

function input(context: AppContext, req: Request): SceneGraphInput {
  if (req.is('multipart/form-data')) {
    if (!req.file) throw new HttpError(400, 'invalid_multipart', '$.image: the form has no file field "image"', { path: ['image'] });
    const fields = parseRequest(SceneGraphMultipartRequestSchema, req.body ?? {});
    const buffer = req.file.buffer;
    return { bytes: async () => buffer, imageId: fields.imageId ?? 'request', views: fields.views === 'true' };
  }
  const body = parseRequest(SceneGraphJsonRequestSchema, req.body);
  if (body.sampleId !== undefined) {
    const sample = sampleOr404(context.samples, body.sampleId);
    return { bytes: () => readFile(sample.imagePath), imageId: sample.id, views: body.views ?? false };
  }
  const buffer = decodeBase64Image(body.image!);
  return { bytes: async () => buffer, imageId: body.imageId ?? 'request', views: body.views ?? false };
}

export function sceneGraphRoutes(context: AppContext): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/scene-graph',
      operationId: 'predictSceneGraph',
      summary: "An image's predicted scene graph (GQA format with scores), optionally with augmented views",
      description: 'multipart/form-data with the file `image`, or JSON with `image` (base64) or `sampleId`. `views: true` adds two augmented views with their graphs and the node correspondence the SSL losses use.',
      requiresKey: true,
      queued: true,
      body: { kinds: ['json', 'multipart'], json: SceneGraphJsonRequestSchema, multipart: SceneGraphFormDocSchema },
      responses: { 200: { description: 'The predicted graph', schema: SceneGraphResponseSchema } },
      errors: [400, 401, 404, 413, 415, 422, 503],
      handler: async (req, res) => {
        const started = performance.now();
        const { bytes, imageId, views } = input(context, req);
        const services = context.answerServices();
        const signal = requestSignal(res);
        const response = await context.queue.run(async () => {
          const queueMs = performance.now() - started;
          const predicted = await predictGraph(services, await bytes(), imageId);
          const out: SceneGraphResponse = { imageId, sceneGraph: sceneGraphToGqa(predicted.graph), timings: { ...predicted.timings, queueMs } };
          if (views) {
            const extractor = services.extractor!;
            if (!extractor.views) throw new HttpError(503, 'model_unavailable', 'augmented views are not available with this scene-graph generator');
            const result = await extractor.views(predicted.image!, imageId);
            out.views = result.views.map((view) => ({ image: `data:image/png;base64,${view.png.toString('base64')}`, sceneGraph: sceneGraphToGqa(view.graph), transform: view.transform }));
            out.correspondence = result.correspondence;
            for (const [stage, ms] of Object.entries(result.timings)) out.timings[`views.${stage}`] = ms;
          }
          out.timings.totalMs = performance.now() - started;
          out.timings = roundTimings(out.timings);
          return out;
        }, signal);
        replyJson(res, 200, response);
      },
    },
  ];
}
