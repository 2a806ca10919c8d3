/**
 * The HTTP question-answering API (express). `startHttpServer(config)` serves /api/v1 and the
 * inspection page; `createApp(context)` is the bare application for embedding. Endpoints, limits and
 * error codes: README "HTTP API" and GET /api/v1/openapi.json.
 */
export { startHttpServer } from './server.ts';
export type { RunningServer, StartOptions } from './server.ts';
export { API_PREFIX, apiRoutes, createApp } from './app.ts';
export { createAppContext } from './app-context.ts';
export type { AppContext } from './app-context.ts';
export { DEFAULT_LIMITS, defaultHttpConfig, httpConfigFromEnv } from './config.ts';
export type { EvaluationConfig, HttpConfig, HttpLimits, WorkQueueConfig } from './config.ts';
export { loadModels, loadModelsInProcess, modelFiles } from './models/load-models.ts';
export type { LoadOptions, ModelFiles } from './models/load-models.ts';
export { InferencePool, pooledModels } from './workers/inference-pool.ts';
export type {
  Answerer,
  ExtractedSceneGraph,
  GroundingRound,
  LoadedModels,
  ModelAnswer,
  ModelDescription,
  NodeCorrespondence,
  SceneGraphExtractor,
  SceneGraphView,
  SceneGraphViews,
  Timings,
} from './models/model-ports.ts';
export { IMAGE_FORMATS, inspectImage, verifyImageDecodes } from './images/decode-image.ts';
export type { CheckedImage, ImageFormat } from './images/decode-image.ts';
export { SampleStore } from './samples/sample-store.ts';
export type { Sample, SampleManifest, SampleQuestion } from './samples/sample-store.ts';
export { WorkQueue } from './work-queue.ts';
export type { WorkQueueStats } from './work-queue.ts';
export { buildOpenApi } from './openapi/build-openapi.ts';
export type { OpenApiOptions } from './openapi/build-openapi.ts';
export { HttpError, isHttpError } from './errors/http-error.ts';
export type { HttpErrorCode, HttpErrorOptions } from './errors/http-error.ts';
export { ConfigError } from './errors/config-error.ts';
export { QueueFullError } from './errors/queue-full-error.ts';
export { SampleSetError } from './errors/sample-set-error.ts';
export { CONTENT_SECURITY_POLICY } from './middleware/security-headers.ts';
export { ErrorResponseSchema, QUESTION_MAX_CHARS, SCENE_MAX_OBJECTS } from './schemas/common.ts';
export type { ErrorResponse } from './schemas/common.ts';
export { AnswerJsonRequestSchema, AnswerResponseSchema } from './routes/answer-schema.ts';
export type { AnswerJsonRequest, AnswerResponse } from './routes/answer-schema.ts';
export { SceneGraphJsonRequestSchema, SceneGraphResponseSchema } from './routes/scene-graph-schema.ts';
export type { SceneGraphResponse } from './routes/scene-graph-schema.ts';
export { EvaluationRequestSchema, EvaluationStatusSchema } from './routes/evaluations-schema.ts';
export type { EvaluationRequest, EvaluationStatusJson } from './routes/evaluations-schema.ts';
export { HealthSchema, ModelInfoSchema } from './routes/system-schema.ts';
export type { Health, ModelInfo } from './routes/system-schema.ts';
export { SampleDetailSchema, SampleListSchema } from './routes/samples-schema.ts';
export type { SampleDetail, SampleSummary } from './routes/samples-schema.ts';
