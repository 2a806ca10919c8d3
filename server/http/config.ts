/**
 * Everything the HTTP server can be tuned with, and where each value comes from. Defaults are sized for
 * the 2-core target machine and the 400 MB RSS budget: at most `queue.concurrency` inferences run at
 * once, at most `queue.maxQueued` wait, and every input is bounded before it is decoded.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors/config-error.ts';

export interface HttpLimits {
  /** Bytes of a JSON body on /answer and /scene-graph (a base64 image is 4/3 of its file). */
  jsonBodyBytes: number;
  /** Bytes of a JSON body on /evaluations (questions + scene graphs). */
  evaluationBodyBytes: number;
  /** Bytes of an uploaded image file. */
  uploadBytes: number;
  /** Pixels (width x height) of an image; sharp refuses larger ones before decoding. */
  imagePixels: number;
  /** Milliseconds a request may take from its first byte to its response (the deadline of its work). */
  requestMs: number;
}

export interface WorkQueueConfig {
  /** Inferences running at once (one per inference worker thread is the natural choice). */
  concurrency: number;
  /**
   * Inferences waiting; beyond this the server answers 503 with Retry-After instead of growing memory.
   * Requests for queued routes are also admitted only up to concurrency + maxQueued, before their body
   * is read (middleware/admission.ts).
   */
  maxQueued: number;
}

export interface EvaluationConfig {
  /** Jobs queued or running at once; beyond this POST /evaluations answers 429 with Retry-After. */
  maxActive: number;
  /** Finished jobs kept for GET /evaluations/:id (the oldest are forgotten first). */
  maxFinished: number;
  /** Predictions kept over all finished jobs (memory: ~100 bytes each); the oldest jobs are forgotten first. */
  maxKeptPredictions: number;
  /** Questions per job. */
  maxQuestions: number;
}

export interface HttpConfig {
  port: number;
  /** Interface to listen on; loopback unless told otherwise. */
  host: string;
  /** When set, every /api route except /api/v1/health requires it (`x-api-key` or `Authorization: Bearer`). */
  apiKey: string | undefined;
  /** The committed world samples (samples/world). */
  samplesDir: string;
  /** The built inspection page, served at `/` when present. */
  clientDir: string;
  /** Shipped models (models/pretrained). */
  modelsDir: string;
  limits: HttpLimits;
  queue: WorkQueueConfig;
  /** Inference worker threads; 0 runs the models on the event loop (for debugging: it blocks). */
  inferenceWorkers: number;
  evaluations: EvaluationConfig;
  /** Milliseconds graceful shutdown waits for in-flight requests before closing their connections. */
  shutdownGraceMs: number;
  /** pino level; `silent` in tests. */
  logLevel: string;
}

export const DEFAULT_LIMITS: HttpLimits = {
  jsonBodyBytes: 12 * 1024 * 1024,
  evaluationBodyBytes: 16 * 1024 * 1024,
  uploadBytes: 8 * 1024 * 1024,
  // 4096^2: a 256^2 world image is 65,536 pixels; anything past 16.7 Mpx is refused before decoding.
  imagePixels: 4096 * 4096,
  requestMs: 30_000,
};

export function defaultHttpConfig(repoRoot: string): HttpConfig {
  return {
    port: 3000,
    host: '127.0.0.1',
    apiKey: undefined,
    samplesDir: resolve(repoRoot, 'samples/world'),
    clientDir: resolve(repoRoot, 'client/dist'),
    modelsDir: resolve(repoRoot, 'models/pretrained'),
    limits: { ...DEFAULT_LIMITS },
    queue: { concurrency: 2, maxQueued: 32 },
    // One worker: the event loop keeps the other core for HTTP work, and each worker costs ~50-70 MB.
    inferenceWorkers: 1,
    evaluations: { maxActive: 4, maxFinished: 64, maxKeptPredictions: 250_000, maxQuestions: 200_000 },
    shutdownGraceMs: 10_000,
    logLevel: 'info',
  };
}

const port = z.coerce.number().int().min(0).max(65_535);

/**
 * The configuration from the environment: PORT (default 3000), HOST (default 127.0.0.1),
 * SGVQA_API_KEY, LOG_LEVEL. A malformed value is a ConfigError naming the variable.
 */
export function httpConfigFromEnv(repoRoot: string, env: NodeJS.ProcessEnv = process.env): HttpConfig {
  const config = defaultHttpConfig(repoRoot);
  if (env.PORT !== undefined && env.PORT !== '') {
    const parsed = port.safeParse(env.PORT);
    if (!parsed.success) throw new ConfigError(`PORT must be an integer 0..65535, got "${env.PORT}"`);
    config.port = parsed.data;
  }
  if (env.HOST) config.host = env.HOST;
  if (env.SGVQA_API_KEY !== undefined && env.SGVQA_API_KEY !== '') {
    if (env.SGVQA_API_KEY.length < 8) throw new ConfigError('SGVQA_API_KEY must be at least 8 characters');
    config.apiKey = env.SGVQA_API_KEY;
  }
  if (env.LOG_LEVEL) config.logLevel = env.LOG_LEVEL;
  return config;
}
