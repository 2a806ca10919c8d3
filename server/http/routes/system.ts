/** GET /api/v1/health (no API key needed), /api/v1/model and /api/v1/openapi.json. */
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { EVENT_LOOP_RESOLUTION_MS, type AppContext } from '../app-context.ts';
import type { ModelDescription } from '../models/model-ports.ts';
import { QUESTION_MAX_CHARS, SCENE_MAX_OBJECTS } from '../schemas/common.ts';
import type { RouteSpec } from './route-spec.ts';
import { HealthSchema, ModelInfoSchema, type Health, type ModelInfo } from './system-schema.ts';

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function modelStatus(model: { description: ModelDescription } | undefined, reason: string | undefined): ModelInfo['vqa'] {
  if (model) return { available: true, ...model.description };
  return { available: false, reason: reason ?? 'not loaded' };
}

/** A monitor interval (ns) as the delay beyond the sampling resolution, in ms rounded to 0.01. */
const delayMs = (nanoseconds: number): number => Math.max(0, Math.round((nanoseconds / 1e6 - EVENT_LOOP_RESOLUTION_MS) * 100) / 100);

export function systemRoutes(context: AppContext, openapi: () => unknown): RouteSpec[] {
  const { config, samples, models } = context;
  const info: ModelInfo = {
    sceneGraphGenerator: modelStatus(models.extractor, models.unavailable.sgg),
    vqa: modelStatus(models.answerer, models.unavailable.vqa),
    symbolic: {
      available: true,
      description: "graph/program's GQA program executor; answers questions that carry a program (sample questions, or `semantic` steps)",
      ontology: samples.manifest.executor.ontology,
      ...(samples.manifest.executor.hypernyms ? { hypernyms: samples.manifest.executor.hypernyms } : {}),
    },
    labels: {
      names: samples.manifest.vocabulary.names,
      attributes: samples.manifest.vocabulary.attributes,
      predicates: samples.manifest.vocabulary.predicates,
    },
    versions: {
      api: 'v1',
      server: (require('../../../package.json') as { version: string }).version,
      node: process.versions.node,
      express: packageVersion('express'),
      onnxruntime: packageVersion('onnxruntime-node'),
      sharp: sharp.versions.sharp ?? 'unknown',
      libvips: sharp.versions.vips,
    },
    limits: {
      jsonBodyBytes: config.limits.jsonBodyBytes,
      evaluationBodyBytes: config.limits.evaluationBodyBytes,
      uploadBytes: config.limits.uploadBytes,
      imagePixels: config.limits.imagePixels,
      questionChars: QUESTION_MAX_CHARS,
      requestMs: config.limits.requestMs,
      sceneGraphObjects: SCENE_MAX_OBJECTS,
    },
  };
  return [
    {
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary: 'Liveness, load and event-loop delay (no API key needed)',
      requiresKey: false,
      responses: { 200: { description: 'Serving', schema: HealthSchema }, 503: { description: 'Shutting down', schema: HealthSchema } },
      errors: [],
      handler: (_req, res) => {
        const delay = context.eventLoopDelay;
        const memory = process.memoryUsage();
        const health: Health = {
          status: context.shuttingDown ? 'shutting_down' : 'ok',
          uptimeSeconds: (Date.now() - context.startedAt) / 1000,
          models: { sceneGraphGenerator: models.extractor !== undefined, vqa: models.answerer !== undefined, symbolic: true },
          queue: context.queue.stats(),
          eventLoopDelayMs: { p50: delayMs(delay.percentile(50)), p99: delayMs(delay.percentile(99)), max: delayMs(delay.max) },
          memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
        };
        res.status(context.shuttingDown ? 503 : 200).json(health);
      },
    },
    {
      method: 'get',
      path: '/model',
      operationId: 'model',
      summary: 'Loaded models: labels, versions, manifests, and the limits requests must respect',
      requiresKey: true,
      responses: { 200: { description: 'Model information', schema: ModelInfoSchema } },
      errors: [401],
      handler: (_req, res) => {
        res.json(info);
      },
    },
    {
      method: 'get',
      path: '/openapi.json',
      operationId: 'openapi',
      summary: 'This API as an OpenAPI 3.1 document, generated from the zod schemas that validate requests',
      requiresKey: true,
      responses: { 200: { description: 'OpenAPI 3.1 document' } },
      errors: [401],
      handler: (_req, res) => {
        res.json(openapi());
      },
    },
  ];
}
