/** POST /api/v1/evaluations, GET /api/v1/evaluations/:id and its predictions. */
import type { Request } from 'express';
import { modelUnavailable } from '../answering/resolve-graph.ts';
import type { AppContext } from '../app-context.ts';
import { HttpError } from '../errors/http-error.ts';
import { predictedSampleSplitData, sampleSplitData, submittedData } from '../evaluations/evaluation-data.ts';
import type { EvaluationJob } from '../evaluations/evaluation-jobs.ts';
import { evaluationTask, type EvaluationAnswerer, type EvaluationData } from '../evaluations/evaluation-task.ts';
import { parseRequest } from '../schemas/parse-request.ts';
import {
  EvaluationRequestSchema,
  EvaluationStatusSchema,
  EvaluationSubmittedSchema,
  PredictionsResponseSchema,
  type EvaluationRequest,
  type EvaluationStatusJson,
} from './evaluations-schema.ts';
import type { RouteSpec } from './route-spec.ts';

const BASE = '/api/v1/evaluations';

function chooseAnswerer(context: AppContext, body: EvaluationRequest): EvaluationAnswerer {
  const answerer = context.models.answerer;
  const wanted = body.answerer ?? 'auto';
  if (wanted === 'model' && !answerer) throw modelUnavailable('the VQA model', context.models.unavailable.vqa);
  if (wanted !== 'symbolic' && answerer) return { kind: 'model', answerer, queue: context.queue };
  return { kind: 'symbolic', options: context.samples.executeOptions() };
}

function dataFor(context: AppContext, body: EvaluationRequest): EvaluationData {
  if (body.split !== undefined) {
    if (body.graphs === 'predicted') {
      const services = context.answerServices();
      if (!services.extractor) throw modelUnavailable('the scene-graph generator', services.extractorUnavailable);
      return predictedSampleSplitData(context.samples, services, context.queue, body.limit);
    }
    return sampleSplitData(context.samples, body.limit);
  }
  return submittedData(body.questions!, body.sceneGraphs!, body.choices, body.limit);
}

function jobOr404(context: AppContext, req: Request): EvaluationJob {
  const id = String(req.params.id);
  const job = context.evaluations.get(id);
  if (!job) throw new HttpError(404, 'not_found', `no evaluation "${id}" (finished jobs are kept for a while, then forgotten)`);
  return job;
}

function statusJson(job: EvaluationJob): EvaluationStatusJson {
  const json: EvaluationStatusJson = {
    id: job.id,
    status: job.status,
    request: job.request,
    progress: { done: job.done, total: job.total, fraction: job.total === 0 ? 1 : job.done / job.total },
    createdAt: job.createdAt,
    links: { self: `${BASE}/${job.id}`, predictions: `${BASE}/${job.id}/predictions` },
  };
  if (job.startedAt) json.startedAt = job.startedAt;
  if (job.finishedAt) json.finishedAt = job.finishedAt;
  if (job.outcome) {
    json.summary = job.outcome.summary;
    json.metrics = job.outcome.metrics as unknown as EvaluationStatusJson['metrics'];
  }
  if (job.error) json.error = job.error;
  return json;
}

export function evaluationRoutes(context: AppContext): RouteSpec[] {
  const { maxQuestions } = context.config.evaluations;
  return [
    {
      method: 'post',
      path: '/evaluations',
      operationId: 'createEvaluation',
      summary: 'Start a batch evaluation (GQA metrics) of questions on scene graphs, or of the sample split',
      description:
        'Answers the questions in the background and scores them as the official GQA eval.py does. Returns 202 with ' +
        'the job id at once; poll GET /evaluations/{id}. Questions the answerer cannot answer get an empty prediction.',
      requiresKey: true,
      body: { kinds: ['json'], json: EvaluationRequestSchema, maxJsonBytes: context.config.limits.evaluationBodyBytes },
      responses: { 202: { description: 'Accepted; `Location` is the job URL', schema: EvaluationSubmittedSchema, headers: { Location: 'The job URL' } } },
      errors: [400, 401, 413, 415, 422, 429, 503],
      handler: (req, res) => {
        const body = parseRequest(EvaluationRequestSchema, req.body);
        const count = body.questions ? Object.keys(body.questions).length : context.samples.questions().length;
        if (Math.min(count, body.limit ?? count) > maxQuestions) {
          throw new HttpError(413, 'payload_too_large', `at most ${maxQuestions} questions per evaluation (got ${count}; use limit or split the file)`);
        }
        const answerer = chooseAnswerer(context, body);
        const data = dataFor(context, body);
        const request = {
          answerer: answerer.kind,
          ...(body.split !== undefined ? { split: body.split, graphs: body.graphs ?? 'annotated' } : { questions: count, sceneGraphs: Object.keys(body.sceneGraphs!).length }),
          ...(body.choices !== undefined ? { choices: true } : {}),
          ...(body.limit !== undefined ? { limit: body.limit } : {}),
        };
        const job = context.evaluations.submit(evaluationTask(data, answerer), request);
        res.setHeader('Location', `${BASE}/${job.id}`);
        res.status(202).json({ id: job.id, status: job.status, url: `${BASE}/${job.id}` });
      },
    },
    {
      method: 'get',
      path: '/evaluations/:id',
      operationId: 'getEvaluation',
      summary: 'Progress of an evaluation and, when it has succeeded, its metrics',
      requiresKey: true,
      params: { id: 'The job id from POST /evaluations' },
      responses: { 200: { description: 'The job', schema: EvaluationStatusSchema } },
      errors: [401, 404],
      handler: (req, res) => {
        res.json(statusJson(jobOr404(context, req)));
      },
    },
    {
      method: 'get',
      path: '/evaluations/:id/predictions',
      operationId: 'getEvaluationPredictions',
      summary: "A finished evaluation's predictions, in the official GQA format",
      requiresKey: true,
      params: { id: 'The job id from POST /evaluations' },
      responses: { 200: { description: 'Predictions', schema: PredictionsResponseSchema } },
      errors: [401, 404, 409],
      handler: (req, res) => {
        const job = jobOr404(context, req);
        if (!job.outcome) throw new HttpError(409, 'not_ready', `evaluation ${job.id} is ${job.status}; predictions exist once it has succeeded`);
        res.json(job.outcome.predictions);
      },
    },
  ];
}
