/** POST /api/v1/answer: a question about an uploaded image, a base64 image, a sample or a GQA scene graph. */
import type { Request } from 'express';
import { HttpError } from '../errors/http-error.ts';
import { answerQuestion, type AnswerInput } from '../answering/answer-question.ts';
import type { GraphInput } from '../answering/resolve-graph.ts';
import type { AppContext } from '../app-context.ts';
import { replyJson, requestSignal } from '../middleware/deadline.ts';
import { parseRequest } from '../schemas/parse-request.ts';
import { decodeBase64Image } from '../schemas/image-source.ts';
import {
  AnswerJsonRequestSchema,
  AnswerMultipartDocSchema,
  AnswerMultipartRequestSchema,
  AnswerResponseSchema,
} from './answer-schema.ts';
import type { RouteSpec } from './route-spec.ts';

const DEFAULT_IMAGE_ID = 'request';

function inputFromMultipart(req: Request): AnswerInput {
  if (!req.file) throw new HttpError(400, 'invalid_multipart', '$.image: the form has no file field "image"', { path: ['image'] });
  const fields = parseRequest(AnswerMultipartRequestSchema, req.body ?? {});
  const graph: GraphInput = { kind: 'image', bytes: req.file.buffer, imageId: fields.imageId ?? DEFAULT_IMAGE_ID };
  return { question: fields.question, questionId: fields.questionId, semantic: undefined, answerer: fields.answerer ?? 'auto', graph };
}

function inputFromJson(req: Request): AnswerInput {
  const body = parseRequest(AnswerJsonRequestSchema, req.body);
  const imageId = body.imageId ?? DEFAULT_IMAGE_ID;
  let graph: GraphInput;
  if (body.image !== undefined) graph = { kind: 'image', bytes: decodeBase64Image(body.image), imageId };
  else if (body.sampleId !== undefined) graph = { kind: body.graph === 'predicted' ? 'sampleImage' : 'sample', sampleId: body.sampleId };
  else graph = { kind: 'sceneGraph', scene: body.sceneGraph!, imageId };
  return { question: body.question, questionId: body.questionId, semantic: body.semantic, answerer: body.answerer ?? 'auto', graph };
}

export function answerRoutes(context: AppContext): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/answer',
      operationId: 'answer',
      summary: 'Answer a question about an image, a committed sample or a scene graph',
      description:
        'multipart/form-data with the file `image` and the field `question`, or JSON with `question` and one of ' +
        '`image` (base64), `sampleId` or `sceneGraph` (GQA format). Images go through the scene-graph generator; ' +
        'the answer comes with its top-k, per-round grounding over the graph objects, the graph itself and timings.',
      requiresKey: true,
      queued: true,
      body: { kinds: ['json', 'multipart'], json: AnswerJsonRequestSchema, multipart: AnswerMultipartDocSchema },
      responses: { 200: { description: 'The answer', schema: AnswerResponseSchema } },
      errors: [400, 401, 404, 413, 415, 422, 503],
      handler: async (req, res) => {
        const input = req.is('multipart/form-data') ? inputFromMultipart(req) : inputFromJson(req);
        const services = context.answerServices();
        replyJson(res, 200, await answerQuestion(services, input, requestSignal(res)));
      },
    },
  ];
}
