/** Response schemas of /api/v1/health and /api/v1/model. */
import { z } from 'zod';

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'shutting_down']),
    uptimeSeconds: z.number(),
    models: z.object({ sceneGraphGenerator: z.boolean(), vqa: z.boolean(), symbolic: z.boolean() }),
    queue: z.object({
      admitted: z.number().int(),
      running: z.number().int(),
      queued: z.number().int(),
      background: z.number().int(),
      concurrency: z.number().int(),
      maxQueued: z.number().int(),
      completed: z.number().int(),
      rejected: z.number().int(),
      meanRunMs: z.number(),
    }),
    eventLoopDelayMs: z.object({ p50: z.number(), p99: z.number(), max: z.number() }).meta({ description: 'Event-loop delay since start: how long callbacks waited for the loop.' }),
    memory: z.object({ rssBytes: z.number(), heapUsedBytes: z.number() }),
  })
  .meta({ id: 'Health' });

export const ModelStatusSchema = z
  .union([
    z.object({ available: z.literal(true), name: z.string(), version: z.string(), file: z.string(), manifest: z.unknown() }),
    z.object({ available: z.literal(false), reason: z.string() }),
  ])
  .meta({ id: 'ModelStatus' });

export const ModelInfoSchema = z
  .object({
    sceneGraphGenerator: ModelStatusSchema,
    vqa: ModelStatusSchema,
    symbolic: z.object({
      available: z.literal(true),
      description: z.string(),
      ontology: z.record(z.string(), z.array(z.string())),
      hypernyms: z.record(z.string(), z.array(z.string())).optional(),
    }),
    labels: z.object({
      names: z.array(z.string()),
      attributes: z.record(z.string(), z.array(z.string())),
      predicates: z.array(z.string()),
    }).meta({ description: "The world's vocabulary (from the samples' manifest)." }),
    versions: z.record(z.string(), z.string()),
    limits: z.object({
      jsonBodyBytes: z.number(),
      evaluationBodyBytes: z.number(),
      uploadBytes: z.number(),
      imagePixels: z.number(),
      questionChars: z.number(),
      requestMs: z.number(),
      sceneGraphObjects: z.number(),
    }),
  })
  .meta({ id: 'ModelInfo' });

export type Health = z.infer<typeof HealthSchema>;
export type ModelInfo = z.infer<typeof ModelInfoSchema>;
